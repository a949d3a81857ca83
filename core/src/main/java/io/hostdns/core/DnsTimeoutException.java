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
        this(upstream, timeout, upstream != null);
    }

    private DnsTimeoutException(@Nullable UpstreamId upstream, Duration timeout, boolean attempt) {
        super(upstream, (attempt ? "no response within " : "deadline of ") + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    /**
     * One attempt's timeout ran out; {@code upstream} is null when the attempt went to a resolver that is not
     * one upstream (a combinator's member, for instance).
     */
    public static DnsTimeoutException attempt(@Nullable UpstreamId upstream, Duration timeout) {
        return new DnsTimeoutException(upstream, timeout, true);
    }

    /** The time that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
