package io.hostdns.transport.https;

/** How a DNS query travels in a DoH request (RFC 8484 section 4.1). */
public enum DohMethod {
    /** The query is the request body, {@code Content-Type: application/dns-message}; the default. */
    POST,
    /**
     * The query is the {@code dns} URL parameter, base64url without padding; cacheable by HTTP caches
     * because the query ID is always 0.
     */
    GET
}
