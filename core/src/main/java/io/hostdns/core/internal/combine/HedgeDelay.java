package io.hostdns.core.internal.combine;

import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long a hedge waits after starting an upstream before it starts the next one. Asked once per
 * started upstream, at the moment it starts, so an adaptive strategy follows the latest measurements.
 */
@FunctionalInterface
public interface HedgeDelay {

    /** The wait after starting {@code started} (null: a member that is not an upstream); zero or more. */
    Duration after(@Nullable UpstreamId started);

    /** Always the same delay. */
    static HedgeDelay fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("hedge delay must be >= 0, was " + delay);
        }
        return started -> delay;
    }
}
