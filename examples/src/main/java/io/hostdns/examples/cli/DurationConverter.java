package io.hostdns.examples.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads durations as people write them: {@code 250ms}, {@code 5s}, {@code 2m}, or ISO-8601 ({@code PT5S}).
 * Zero and negative durations are refused.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (e.g. 500ms, 5s, 2m)");
            }
        } catch (RuntimeException e) {
            if (e instanceof CommandLine.TypeConversionException tce) {
                throw tce;
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (e.g. 500ms, 5s, 2m)");
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + text + "' must be a positive duration");
        }
        return d;
    }
}
