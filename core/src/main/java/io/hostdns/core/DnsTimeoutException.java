package io.hostdns.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * No response arrived in time: either one attempt to one upstream (its per-attempt timeout), or the
 * whole resolution (its overall deadline; then {@link #upstream()} is null).
 */
public class DnsTimeoutException extends DnsException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public DnsTimeoutException(@Nullable UpstreamId upstream, Duration timeout) {
        super(upstream, (upstream == null ? "deadline of " : "no response within ") + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    /** The time that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
