package io.hostdns.core.internal.health;

import java.time.Duration;

/**
 * A smoothed RTT and a tail estimate, the TCP way (RFC 6298): an EWMA of the samples (gain 1/8) and an
 * EWMA of their absolute deviation from it (gain 1/4). The tail is mean + 2 x deviation: for roughly
 * normal RTTs the mean absolute deviation is about 0.8 sigma, so this is about mean + 1.6 sigma, near
 * the 95th percentile. It needs no memory beyond two numbers and forgets old samples geometrically.
 * Not thread-safe: its owner guards it.
 */
final class RttEstimator {

    private static final double GAIN = 1.0 / 8;
    private static final double DEVIATION_GAIN = 1.0 / 4;
    private static final double TAIL_DEVIATIONS = 2.0;

    private double meanNanos;
    private double deviationNanos;
    private long samples;

    void add(Duration rtt) {
        double sample = Math.max(0, rtt.toNanos());
        if (samples == 0) {
            meanNanos = sample;
            deviationNanos = sample / 2;
        } else {
            deviationNanos += DEVIATION_GAIN * (Math.abs(sample - meanNanos) - deviationNanos);
            meanNanos += GAIN * (sample - meanNanos);
        }
        samples++;
    }

    /** Forgets every sample: the next one starts the estimate afresh. */
    void reset() {
        meanNanos = 0;
        deviationNanos = 0;
        samples = 0;
    }

    boolean hasSamples() {
        return samples > 0;
    }

    long samples() {
        return samples;
    }

    Duration mean() {
        return Duration.ofNanos(Math.round(meanNanos));
    }

    Duration tail() {
        return Duration.ofNanos(Math.round(meanNanos + TAIL_DEVIATIONS * deviationNanos));
    }
}
