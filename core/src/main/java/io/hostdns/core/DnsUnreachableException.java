package io.hostdns.core;

import org.jspecify.annotations.Nullable;

/**
 * The upstream cannot be reached at all from here: "network is unreachable", "no route to host",
 * an address family the host has no route for (the IPv6 case). Kept distinct from other network
 * errors because it is immediate and will not cure itself per query: health marks such an upstream
 * down at once and fallbacks skip it without waiting.
 */
public class DnsUnreachableException extends DnsNetworkException {

    private static final long serialVersionUID = 1L;

    public DnsUnreachableException(@Nullable UpstreamId upstream, String message, @Nullable Throwable cause) {
        super(upstream, message, cause);
    }
}
