package io.hostdns.core.search;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Applies the words of one {@code options} line to {@link ResolvConf.Options}, glibc style. */
final class ResolvOptions {

    private ResolvOptions() {
    }

    static ResolvConf.Options apply(ResolvConf.Options current, List<String> words, int lineNumber, String line,
                                    List<ResolvConf.Ignored> ignored) {
        int ndots = current.ndots();
        int timeout = current.timeout();
        int attempts = current.attempts();
        boolean rotate = current.rotate();
        List<String> other = new ArrayList<>(current.other());
        for (String word : words) {
            int colon = word.indexOf(':');
            String key = colon < 0 ? word : word.substring(0, colon);
            @Nullable String value = colon < 0 ? null : word.substring(colon + 1);
            switch (key) {
                case "ndots", "timeout", "attempts" -> {
                    int parsed = value == null || value.isEmpty() || value.length() > 6
                            || !value.chars().allMatch(Character::isDigit) ? -1 : Integer.parseInt(value);
                    if (parsed < 0) {
                        ignored.add(new ResolvConf.Ignored(lineNumber, line,
                                "option " + key + " needs a number, got '" + word + "'"));
                    } else if (key.equals("ndots")) {
                        ndots = Math.min(parsed, 15);
                    } else if (key.equals("timeout")) {
                        timeout = Math.max(1, Math.min(parsed, 30));
                    } else {
                        attempts = Math.max(1, Math.min(parsed, 5));
                    }
                }
                case "rotate" -> rotate = true;
                default -> {
                    if (!other.contains(word)) {
                        other.add(word);
                    }
                }
            }
        }
        return new ResolvConf.Options(ndots, timeout, attempts, rotate, other);
    }
}
