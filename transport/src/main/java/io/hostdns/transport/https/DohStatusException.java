package io.hostdns.transport.https;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.UpstreamId;

/**
 * A DoH server answered with an HTTP status other than 2xx (RFC 8484 section 4.2.1: such a response
 * carries no DNS answer), for instance 404 (wrong path), 415 (unsupported media type) or 500. It is
 * a network error, not an answer, so that fallback moves on to the next upstream.
 */
public class DohStatusException extends DnsNetworkException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public DohStatusException(UpstreamId upstream, int status, String reason) {
        super(upstream, "HTTP status " + status + (reason.isEmpty() ? "" : " " + reason), null);
        this.status = status;
    }

    /** The HTTP status code the server answered with. */
    public int status() {
        return status;
    }
}
