package io.hostdns.transport.tls;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.tcp.TcpDnsClientBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * DNS-over-TLS clients (RFC 7858): the pooled, pipelined {@link TcpDnsClient} with a {@link DotTlsLayer}
 * on every connection. Everything the TCP client does (connection reuse, several queries in flight per
 * connection matched by ID, idle close, typed immediate failures) holds over TLS.
 */
public final class DotClients {

    /** The DNS-over-TLS port (RFC 7858 section 3.1). */
    public static final int DEFAULT_PORT = 853;

    private DotClients() {
    }

    /** A builder for a DoT client of {@code upstream} at {@code address}, port 853. */
    public static TcpDnsClientBuilder builder(DnsResources resources, UpstreamId upstream, InetAddress address,
                                              DotTlsLayer tls) {
        return builder(resources, upstream, new InetSocketAddress(address, DEFAULT_PORT), tls);
    }

    /**
     * A builder for a DoT client of {@code upstream} (whose protocol must be {@link Protocol#TLS}) at
     * {@code remote}; further TCP settings can be chained on it.
     */
    public static TcpDnsClientBuilder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote,
                                              DotTlsLayer tls) {
        if (upstream.protocol() != Protocol.TLS) {
            throw new IllegalArgumentException("a DoT upstream's id must have protocol TLS, was " + upstream);
        }
        return TcpDnsClient.builder(resources, upstream, remote).layer(Objects.requireNonNull(tls, "tls"));
    }
}
