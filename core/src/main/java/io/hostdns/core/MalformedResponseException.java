package io.hostdns.core;

import org.jspecify.annotations.Nullable;

/** A response arrived but is not a usable DNS message (undecodable, or not an answer to the query). */
public class MalformedResponseException extends DnsException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(@Nullable UpstreamId upstream, String message, @Nullable Throwable cause) {
        super(upstream, message, cause);
    }

    /**
     * The error for a resolver that broke the "never empty" clause of the {@link Resolver} contract:
     * it completed without an answer for {@code query}.
     */
    public static MalformedResponseException noAnswer(@Nullable UpstreamId upstream, Query query) {
        return new MalformedResponseException(upstream, "resolver completed without an answer for " + query, null);
    }
}
