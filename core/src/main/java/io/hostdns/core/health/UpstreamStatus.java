package io.hostdns.core.health;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one upstream's health, as shown by {@code hostdns upstreams}.
 *
 * @param id                  the upstream; its {@code toString()} is the status-line name, e.g. {@code #000 udp 192.168.1.22:53}
 * @param state               its state
 * @param rttMean             EWMA of the response times, null before the first response
 * @param rttTail             the tail (about p95) estimate, null before the first response
 * @param consecutiveFailures failures since the last OK outcome
 * @param counts              attempts by outcome, every outcome present (0 when none)
 * @param lastError           the last error (type and message), null if none yet
 * @param lastErrorAt         when it happened, on the health scheduler's clock; null if none yet
 */
public record UpstreamStatus(UpstreamId id, HealthState state, @Nullable Duration rttMean,
                             @Nullable Duration rttTail, long consecutiveFailures, Map<Outcome, Long> counts,
                             @Nullable String lastError, @Nullable Instant lastErrorAt) {

    public UpstreamStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        counts = Collections.unmodifiableMap(all);
    }

    /** The upstream's transport. */
    public Protocol protocol() {
        return id.protocol();
    }

    /** The upstream's address as configured. */
    public String address() {
        return id.address();
    }

    /** The number of attempts that ended with {@code outcome}. */
    public long count(Outcome outcome) {
        return counts.get(outcome);
    }

    @Override
    public String toString() {
        return id + " " + state + " rtt=" + (rttMean == null ? "-" : rttMean.toMillis() + "ms")
                + " p95~" + (rttTail == null ? "-" : rttTail.toMillis() + "ms")
                + " failures=" + consecutiveFailures + (lastError == null ? "" : " last error: " + lastError);
    }
}
