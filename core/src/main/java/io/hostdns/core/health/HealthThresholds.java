package io.hostdns.core.health;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When an upstream changes state. With the defaults:
 * <ul>
 *   <li>DOWN after 3 consecutive failures, or at once after an UNREACHABLE failure (it will not cure
 *       itself query by query);</li>
 *   <li>else DEGRADED after 1 consecutive failure, or while the EWMA RTT is above 1 s;</li>
 *   <li>else HEALTHY. Any OK outcome (real query or probe) resets the consecutive failures, which is
 *       how a DOWN upstream comes back; until then it stays DOWN, whatever else happens.</li>
 * </ul>
 * Failures are the outcomes in {@code failureOutcomes}: by default every error outcome and REFUSED (an
 * upstream that refuses us refuses every query). SERVFAIL is not a failure by default: it usually
 * says the domain is broken, not the upstream; it is counted, its RTT measured, and the failure streak
 * left as it is.
 *
 * @param degradedAfterFailures consecutive failures that make an upstream DEGRADED, at least 1
 * @param downAfterFailures     consecutive failures that make it DOWN, at least degradedAfterFailures
 * @param degradedRtt           EWMA RTT above which it is DEGRADED
 * @param failureOutcomes       the outcomes that count as failures; never contains OK
 */
public record HealthThresholds(int degradedAfterFailures, int downAfterFailures, Duration degradedRtt,
                               Set<UpstreamStatus.Outcome> failureOutcomes) {

    /** The defaults described above. */
    public static final HealthThresholds DEFAULTS = new HealthThresholds(1, 3, Duration.ofSeconds(1),
            EnumSet.of(UpstreamStatus.Outcome.TIMEOUT, UpstreamStatus.Outcome.UNREACHABLE, UpstreamStatus.Outcome.NETWORK, UpstreamStatus.Outcome.MALFORMED, UpstreamStatus.Outcome.REFUSED));

    public HealthThresholds {
        Objects.requireNonNull(degradedRtt, "degradedRtt");
        Objects.requireNonNull(failureOutcomes, "failureOutcomes");
        if (degradedAfterFailures < 1) {
            throw new IllegalArgumentException("degradedAfterFailures must be >= 1, was " + degradedAfterFailures);
        }
        if (downAfterFailures < degradedAfterFailures) {
            throw new IllegalArgumentException("downAfterFailures must be >= degradedAfterFailures ("
                    + degradedAfterFailures + "), was " + downAfterFailures);
        }
        if (degradedRtt.isNegative() || degradedRtt.isZero()) {
            throw new IllegalArgumentException("degradedRtt must be positive, was " + degradedRtt);
        }
        if (failureOutcomes.contains(UpstreamStatus.Outcome.OK)) {
            throw new IllegalArgumentException("failureOutcomes must not contain OK");
        }
        failureOutcomes = failureOutcomes.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(failureOutcomes));
    }

    /** A copy with other failure counts. */
    public HealthThresholds withFailures(int degradedAfter, int downAfter) {
        return new HealthThresholds(degradedAfter, downAfter, degradedRtt, failureOutcomes);
    }

    /** A copy with another RTT threshold. */
    public HealthThresholds withDegradedRtt(Duration rtt) {
        return new HealthThresholds(degradedAfterFailures, downAfterFailures, rtt, failureOutcomes);
    }
}
