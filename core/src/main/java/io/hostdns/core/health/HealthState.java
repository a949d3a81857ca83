package io.hostdns.core.health;

/**
 * The health of one upstream, from best to worst (see {@link HealthThresholds} for the transitions).
 */
public enum HealthState {
    /** Answering, and fast enough. */
    HEALTHY,
    /** Recently failing, or slow: still used, but a health-ordered group prefers others. */
    DEGRADED,
    /** Failing: skipped by its group and probed in the background until it answers again. */
    DOWN
}
