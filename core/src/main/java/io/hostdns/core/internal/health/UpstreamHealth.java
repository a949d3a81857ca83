package io.hostdns.core.internal.health;

import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import org.jspecify.annotations.Nullable;

/**
 * The mutable health record of one upstream. Every method holds the instance lock for a few field
 * updates only (no I/O, no callbacks), so it is safe to call from event-loop threads.
 */
final class UpstreamHealth {

    private final UpstreamId id;
    private final HealthThresholds thresholds;
    private final RttEstimator rtt = new RttEstimator();
    private final long[] counts = new long[UpstreamStatus.Outcome.values().length];
    private long consecutiveFailures;
    private UpstreamStatus.@Nullable Outcome lastFailure;
    private @Nullable String lastError;
    private @Nullable Instant lastErrorAt;
    private @Nullable Instant lastRttAt;

    /**
     * After this long without a sample the RTT estimate is stale: the next sample starts it afresh
     * instead of being averaged into old (possibly cold-start) figures with a 1/8 gain.
     */
    static final Duration RTT_STALE_AFTER = Duration.ofSeconds(5);
    private UpstreamStatus.State state = UpstreamStatus.State.HEALTHY;

    UpstreamHealth(UpstreamId id, HealthThresholds thresholds) {
        this.id = id;
        this.thresholds = thresholds;
    }

    /**
     * Records one attempt.
     *
     * @param rtt   the response time when a response arrived, else null
     * @param error the error when the attempt failed, else null
     * @param now   the time of the outcome
     * @return the new status when the state changed, else null
     */
    synchronized @Nullable UpstreamStatus record(UpstreamStatus.Outcome outcome, @Nullable Duration rtt, @Nullable Throwable error,
                                                 Instant now) {
        counts[outcome.ordinal()]++;
        if (rtt != null) {
            addRtt(rtt, now);
        }
        if (error != null) {
            lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
            lastErrorAt = now;
        }
        if (outcome == UpstreamStatus.Outcome.OK) {
            consecutiveFailures = 0;
            lastFailure = null;
        } else if (thresholds.failureOutcomes().contains(outcome)) {
            consecutiveFailures++;
            lastFailure = outcome;
        }
        UpstreamStatus.State previous = state;
        state = computeState();
        return state == previous ? null : snapshot();
    }

    /**
     * Records an attempt cancelled after {@code waited} without a response (a hedge or race lost, a
     * deadline reached outside). It is no failure, so no outcome is counted; but the upstream took at
     * least {@code waited}, so when that is above the current mean it is added as an RTT sample. Without
     * it an upstream that always loses would keep a flattering RTT (or none) and stay first in health order.
     *
     * @return the new status when the state changed, else null
     */
    synchronized @Nullable UpstreamStatus recordUnanswered(Duration waited, Instant now) {
        if (rtt.hasSamples() && waited.compareTo(rtt.mean()) <= 0) {
            return null;
        }
        addRtt(waited, now);
        UpstreamStatus.State previous = state;
        state = computeState();
        return state == previous ? null : snapshot();
    }

    private UpstreamStatus.State computeState() {
        // DOWN holds until an OK outcome: a failing probe must not make it look merely DEGRADED.
        if (consecutiveFailures > 0 && (state == UpstreamStatus.State.DOWN
                || consecutiveFailures >= thresholds.downAfterFailures() || lastFailure == UpstreamStatus.Outcome.UNREACHABLE)) {
            return UpstreamStatus.State.DOWN;
        }
        if (consecutiveFailures >= thresholds.degradedAfterFailures()
                || (rtt.hasSamples() && rtt.mean().compareTo(thresholds.degradedRtt()) > 0)) {
            return UpstreamStatus.State.DEGRADED;
        }
        return UpstreamStatus.State.HEALTHY;
    }

    synchronized UpstreamStatus.State state() {
        return state;
    }

    /** The tail RTT estimate, or null without samples. */
    private void addRtt(Duration sample, Instant now) {
        if (rttUnknownOrOlderThan(RTT_STALE_AFTER, now)) {
            rtt.reset();
        }
        rtt.add(sample);
        lastRttAt = now;
    }

    /** Whether the RTT estimate is missing or older than {@code maxAge} at {@code now}. */
    synchronized boolean rttUnknownOrOlderThan(Duration maxAge, Instant now) {
        return lastRttAt == null || lastRttAt.plus(maxAge).isBefore(now);
    }

    synchronized @Nullable Duration tail() {
        return rtt.hasSamples() ? rtt.tail() : null;
    }

    /**
     * The health score, lower is better: the state first, then the EWMA RTT in power-of-two millisecond
     * buckets (so that RTTs within a factor of two tie and config order decides), then unmeasured last
     * within a state, so that config order holds until there is evidence.
     */
    synchronized long score() {
        long bucket = rtt.hasSamples() ? 63 - Long.numberOfLeadingZeros(rtt.mean().toMillis() + 1) : 64;
        return state.ordinal() * 100L + bucket;
    }

    synchronized UpstreamStatus snapshot() {
        EnumMap<UpstreamStatus.Outcome, Long> byOutcome = new EnumMap<>(UpstreamStatus.Outcome.class);
        for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
            byOutcome.put(outcome, counts[outcome.ordinal()]);
        }
        return new UpstreamStatus(id, state, rtt.hasSamples() ? rtt.mean() : null,
                rtt.hasSamples() ? rtt.tail() : null, consecutiveFailures, byOutcome, lastError, lastErrorAt);
    }
}
