package io.hostdns.core;

import org.jspecify.annotations.Nullable;

/**
 * A resolution that produced no DNS response: the base of every error a {@link Resolver} signals.
 * Responses with an error rcode (SERVFAIL, NXDOMAIN...) are not exceptions; they are {@link Answer}s.
 *
 * <p>Stack traces are not filled in: these errors are part of normal operation under faults, their
 * message names the upstream and the reason, and the cause keeps the original trace.
 */
public abstract class DnsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable UpstreamId upstream;

    protected DnsException(@Nullable UpstreamId upstream, String message, @Nullable Throwable cause) {
        super(upstream == null ? message : upstream + ": " + message, cause, true, false);
        this.upstream = upstream;
    }

    /** The upstream the failed attempt went to, or null when the failure is not about one upstream. */
    public @Nullable UpstreamId upstream() {
        return upstream;
    }
}
