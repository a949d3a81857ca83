package io.hostdns.transport.https;

import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tls.TlsTrust;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.Locale;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * The Reactor Netty pieces of one DoH upstream: its own connection pool and the HTTP client on it.
 * TLS is 1.3 or 1.2, with the server's certificate chain and host name verified (endpoint
 * identification "HTTPS"); the protocol is chosen by ALPN.
 */
final class DohHttpClients {

    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int STREAM_BATCH = 16;

    private DohHttpClients() {
    }

    /**
     * A pool of at most {@code maxConnections}. HTTP/2 only: strict connection reuse, so queries that
     * arrive together become streams of one live connection instead of new connections. Reactor Netty's
     * HTTP/2 allocation strategy hangs on a connection that ALPN turned into HTTP/1.1 (seen with
     * 1.3.7), so with the fallback the pool is a plain one of at most {@code maxConnections}.
     */
    static ConnectionProvider pool(String host, int maxConnections, boolean http11Fallback, Duration timeout,
                                   Duration idleTimeout) {
        ConnectionProvider.Builder builder = ConnectionProvider.builder("hostdns-doh-" + host.toLowerCase(Locale.ROOT));
        if (http11Fallback) {
            builder.maxConnections(maxConnections);
        } else {
            builder.allocationStrategy(Http2AllocationStrategy.builder()
                    .maxConnections(maxConnections)
                    .strictConnectionReuse(true)
                    .streamBatchSize(STREAM_BATCH)
                    .build());
        }
        return builder
                // waiting for a connection is bounded by the query timeout, not by a queue length
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(idleTimeout)
                .build();
    }

    /** The HTTP client on {@code pool}, running on {@code resources}' event loops; builds the TLS context now. */
    static HttpClient client(ConnectionProvider pool, DnsResources resources, TlsTrust trust, boolean http11Fallback) {
        ApplicationProtocolConfig alpn = http11Fallback
                ? alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : alpn(ApplicationProtocolNames.HTTP_2);
        SslProvider.GenericSslContextSpec<SslContextBuilder> tls = Http2SslContextSpec.forClient()
                .configure(builder -> trust.applyTo(builder.protocols(TLS_PROTOCOLS)
                        .endpointIdentificationAlgorithm("HTTPS")
                        .applicationProtocolConfig(alpn)));
        return HttpClient.create(pool)
                .runOn(resources.eventLoops())
                .protocol(http11Fallback ? new HttpProtocol[] {HttpProtocol.H2, HttpProtocol.HTTP11}
                        : new HttpProtocol[] {HttpProtocol.H2})
                .secure(spec -> spec.sslContext(tls))
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, DohResponses.DNS_MESSAGE))
                .compress(false);
    }

    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }
}
