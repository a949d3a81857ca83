package io.hostdns.core.health;

import io.hostdns.core.Query;
import java.time.Duration;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * How a DOWN upstream is probed: {@code query} is sent through the upstream's own resolver after
 * {@code initialBackoff}, then after twice as long each time, up to {@code maxBackoff}, each probe
 * bounded by {@code timeout}, until the upstream is no longer DOWN. A probe succeeds when it gets an
 * OK outcome (a response that is neither SERVFAIL nor REFUSED).
 *
 * @param query          what to ask; by default {@code . IN NS}, which every recursive resolver can answer
 * @param initialBackoff the wait before the first probe
 * @param maxBackoff     the cap of the doubling wait
 * @param timeout        the timeout of one probe
 */
public record ProbeSettings(Query query, Duration initialBackoff, Duration maxBackoff, Duration timeout) {

    /** {@code . IN NS}, 500 ms doubling to 30 s, 2 s per probe. */
    public static final ProbeSettings DEFAULTS = new ProbeSettings(Query.of(Name.root, Type.NS),
            Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(2));

    public ProbeSettings {
        Objects.requireNonNull(query, "query");
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("timeout", timeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be >= initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
        }
    }

    /** The wait after a probe that waited {@code previous}: doubled, capped. */
    public Duration nextBackoff(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
