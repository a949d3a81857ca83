package io.hostdns.core;

import org.jspecify.annotations.Nullable;

/**
 * An I/O failure talking to an upstream: a refused or reset connection, a failed write, a closed
 * channel. Failing fast with this, instead of waiting out a timeout, is what lets a fallback chain
 * move on at once.
 */
public class DnsNetworkException extends DnsException {

    private static final long serialVersionUID = 1L;

    public DnsNetworkException(@Nullable UpstreamId upstream, String message, @Nullable Throwable cause) {
        super(upstream, message, cause);
    }
}
