package io.hostdns.examples.cli;

import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@link UpstreamStatus}es as the {@code hostdns upstreams} table: id, scope, state, RTT
 * (average and tail), answers, failures by kind, the last error and when it happened. Columns are as
 * wide as their widest cell.
 */
final class UpstreamTable {

    static final List<String> HEADERS = List.of("UPSTREAM", "SCOPE", "STATE", "RTT AVG/P95", "OK", "FAILURES",
            "LAST ERROR");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private UpstreamTable() {
    }

    /** The whole table, a header line then one line per status. */
    static String render(List<UpstreamStatus> statuses, Function<UpstreamStatus, String> scope, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (UpstreamStatus s : statuses) {
            rows.add(cells(s, scope.apply(s), now));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** One status as a single line, for {@code --watch}. */
    static String line(UpstreamStatus s, String scope, Instant now) {
        return TIME.format(now) + "  " + String.join("  ", cells(s, scope, now)).stripTrailing();
    }

    static List<String> cells(UpstreamStatus s, String scope, Instant now) {
        return List.of(s.id().toString(), scope, s.state().name(), millis(s.rttMean()) + "/" + millis(s.rttTail()),
                String.valueOf(s.count(UpstreamStatus.Outcome.OK)), failures(s), lastError(s, now));
    }

    private static String failures(UpstreamStatus s) {
        List<String> kinds = new ArrayList<>();
        for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
            long n = s.count(outcome);
            if (outcome != UpstreamStatus.Outcome.OK && n > 0) {
                kinds.add(outcome.name().toLowerCase(Locale.ROOT) + ":" + n);
            }
        }
        return kinds.isEmpty() ? "-" : String.join(",", kinds);
    }

    private static String lastError(UpstreamStatus s, Instant now) {
        String error = s.lastError();
        Instant at = s.lastErrorAt();
        if (error == null) {
            return "-";
        }
        if (at == null) {
            return error;
        }
        long ago = Math.max(0, Duration.between(at, now).toSeconds());
        return error + " (at " + TIME.format(at) + "Z, " + ago + "s ago)";
    }

    private static String millis(@Nullable Duration d) {
        if (d == null) {
            return "-";
        }
        return d.toNanos() < 10_000_000 ? String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6) : d.toMillis() + "ms";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
