package io.hostdns.transport.internal;

import io.hostdns.transport.tls.TlsTrust;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * The TLS layer of DNS over TLS (RFC 7858, RFC 8310 strict profile): put on a
 * {@link io.hostdns.transport.tcp.TcpDnsClient} it wraps every new connection in TLS 1.3 or 1.2 (1.3
 * preferred), sends the server name as SNI, and accepts the server only when its certificate chains to
 * the configured {@link TlsTrust} <em>and</em> is issued for that name (endpoint identification
 * "HTTPS", RFC 6125). A failed handshake closes the connection, so queries in flight on it fail at once
 * with a {@link io.hostdns.core.DnsNetworkException} naming the TLS error.
 *
 * <p>Without a server name (e.g. {@code tls://1.1.1.1}) the certificate must carry the upstream's IP
 * address, and no SNI is sent. Immutable; one layer serves every connection of a client.
 */
public final class DotTlsLayer implements TcpChannelLayer {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private final @Nullable String serverName;
    private final SslContext context;
    private final Duration handshakeTimeout;

    private DotTlsLayer(@Nullable String serverName, SslContext context, Duration handshakeTimeout) {
        this.serverName = serverName;
        this.context = context;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * A layer verifying the server as {@code serverName} against {@code trust}. Builds the TLS context now,
     * which reads the trust store: call it while setting up, not on an event loop.
     *
     * @param serverName the name the certificate must be issued for, and the SNI; null to verify the IP address
     * @throws IllegalStateException when the TLS context cannot be built
     */
    public static DotTlsLayer create(@Nullable String serverName, TlsTrust trust) {
        Objects.requireNonNull(trust, "trust");
        if (serverName != null && serverName.isBlank()) {
            throw new IllegalArgumentException("serverName must not be blank");
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
                .protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm("HTTPS");
        try {
            return new DotTlsLayer(serverName, trust.applyTo(builder).build(), DEFAULT_HANDSHAKE_TIMEOUT);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for DoT server " + serverName, e);
        }
    }

    /**
     * A copy whose TLS handshakes fail after {@code timeout} (default 5 s): a server that accepts the TCP
     * connection but never completes TLS then fails the queries waiting on it with a network error.
     */
    public DotTlsLayer withHandshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be > 0, was " + timeout);
        }
        return new DotTlsLayer(serverName, context, timeout);
    }

    /** The name the server's certificate is verified against and sent as SNI; null when the IP address is used. */
    public @Nullable String serverName() {
        return serverName;
    }

    @Override
    public void configure(Channel channel, InetSocketAddress remote) {
        String peer = serverName != null ? serverName : remote.getAddress().getHostAddress();
        SslHandler tls = context.newHandler(channel.alloc(), peer, remote.getPort());
        SSLEngine engine = tls.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // set here as well as in the context: the verification must not depend on one provider's default
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (serverName != null && !NetUtil.isValidIpV4Address(serverName) && !NetUtil.isValidIpV6Address(serverName)) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(parameters);
        tls.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline().addLast("tls", tls);
    }

    @Override
    public String toString() {
        return "DotTlsLayer[" + (serverName == null ? "verify IP address" : serverName) + "]";
    }
}
