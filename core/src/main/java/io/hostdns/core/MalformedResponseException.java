package io.hostdns.core;

import org.jspecify.annotations.Nullable;

/** A response arrived but is not a usable DNS message (undecodable, or not an answer to the query). */
public class MalformedResponseException extends DnsException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(@Nullable UpstreamId upstream, String message, @Nullable Throwable cause) {
        super(upstream, message, cause);
    }
}
