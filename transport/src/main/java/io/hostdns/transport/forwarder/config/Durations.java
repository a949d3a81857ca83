package io.hostdns.transport.forwarder.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the human durations of the configuration: a non-negative decimal number and a
 * unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, for instance {@code 500ms},
 * {@code 2s}, {@code 4.5s}, {@code 1m}, {@code 1d}. The unit is required (a bare {@code 5} could mean
 * seconds or milliseconds) and the result must be a whole number of milliseconds.
 */
final class Durations {

    /** What the error messages say a duration must look like. */
    static final String FORMAT = "a duration with a unit (ms, s, m, h, d), e.g. 500ms, 2s, 4.5s, 1m, 1d";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * The duration written as {@code text}.
     *
     * @param path the field path for the error message
     * @throws ConfigException when {@code text} is not a duration as described above
     */
    static Duration parse(String path, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw ConfigException.invalid(path, text, FORMAT);
        }
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis));
        try {
            return Duration.ofMillis(millis.longValueExact());
        } catch (ArithmeticException e) {
            throw ConfigException.invalid(path, text, FORMAT + ", a whole number of milliseconds");
        }
    }

    /** The shortest text {@link #parse} reads back as {@code duration}, e.g. {@code 4500ms} → {@code 4.5s}. */
    static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 100 == 0 && ms >= 1000) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        return ms + "ms";
    }

    /** Fails unless {@code min <= value <= max}, with a message naming the range. */
    static Duration requireBetween(String path, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw ConfigException.invalid(path, format(value),
                    "a duration between " + format(min) + " and " + format(max));
        }
        return value;
    }
}
