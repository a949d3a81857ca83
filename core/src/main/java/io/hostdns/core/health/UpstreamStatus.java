package io.hostdns.core.health;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Rcode;

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
public record UpstreamStatus(UpstreamId id, State state, @Nullable Duration rttMean,
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

    /**
     * The health of one upstream, from best to worst (see {@link HealthThresholds} for the transitions).
     */
    public enum State {
        /** Answering, and fast enough. */
        HEALTHY,
        /** Recently failing, or slow: still used, but a health-ordered group prefers others. */
        DEGRADED,
        /** Failing: skipped by its group and probed in the background until it answers again. */
        DOWN
    }

    /** How one attempt to one upstream ended, as health counts it. */
    public enum Outcome {
        /** A response other than SERVFAIL or REFUSED (NOERROR, NXDOMAIN... are all fine for health). */
        OK,
        /** No response in time. */
        TIMEOUT,
        /** The upstream cannot be reached from here at all (no route, address family unreachable). */
        UNREACHABLE,
        /** Another I/O failure: refused or reset connection, failed write. */
        NETWORK,
        /** The upstream answered SERVFAIL. */
        SERVFAIL,
        /** The upstream answered REFUSED. */
        REFUSED,
        /** A response arrived but was not a usable answer. */
        MALFORMED;

        /** The outcome of an attempt that produced {@code answer}. */
        public static Outcome of(Answer answer) {
            return switch (answer.rcode()) {
                case Rcode.SERVFAIL -> SERVFAIL;
                case Rcode.REFUSED -> REFUSED;
                default -> OK;
            };
        }

        /** The outcome of an attempt that failed with {@code error}; untyped failures count as NETWORK. */
        public static Outcome of(Throwable error) {
            if (error instanceof DnsTimeoutException || error instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (error instanceof DnsUnreachableException) {
                return UNREACHABLE;
            }
            if (error instanceof MalformedResponseException) {
                return MALFORMED;
            }
            return NETWORK;
        }
    }
}
