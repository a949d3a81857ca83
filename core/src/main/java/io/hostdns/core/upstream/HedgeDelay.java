package io.hostdns.core.upstream;

import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a hedge waits after starting an upstream before it starts the next one. Asked once per
 * started upstream, at the moment it starts, so an adaptive strategy follows the latest measurements.
 */
@FunctionalInterface
public interface HedgeDelay {

    /** The wait after starting {@code started}; zero or more. */
    Duration after(UpstreamId started);

    /** Always the same delay. */
    static HedgeDelay fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("hedge delay must be >= 0, was " + delay);
        }
        return started -> delay;
    }
}
