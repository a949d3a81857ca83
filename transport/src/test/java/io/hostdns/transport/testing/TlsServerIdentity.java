package io.hostdns.transport.testing;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.pkitesting.X509Bundle;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of a fake server: a certificate with its key, and the server {@link SslContext}s that
 * present it, recording the SNI host name every client asked for (seen when the key is chosen, in the
 * handshake). Build contexts in test setup: creating one is blocking work.
 */
public final class TlsServerIdentity {

    private final X509Bundle certificate;
    private final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();
    private final List<String> protocolsSeen = new CopyOnWriteArrayList<>();

    public TlsServerIdentity(X509Bundle certificate) {
        this.certificate = certificate;
    }

    /** A context for DNS over TLS: TLS 1.3 and 1.2 (or only {@code protocols} when given), no ALPN. */
    public SslContext plainContext(String... protocols) {
        return build(SslContextBuilder.forServer(new SniRecordingKeyManager())
                .protocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols));
    }

    /**
     * A context for HTTPS that offers, by ALPN, {@code h2} and {@code http/1.1} ({@code http2} true) or
     * only {@code http/1.1}.
     */
    public SslContext httpContext(boolean http2) {
        ApplicationProtocolConfig alpn = http2
                ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1);
        return build(SslContextBuilder.forServer(new SniRecordingKeyManager())
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(alpn));
    }

    /**
     * A {@link FakeDnsServer#addTcpListener} layer for DNS over TLS: each connection gets an
     * {@code SslHandler} of one {@link #plainContext(String...)} with these protocols, built now.
     */
    public Consumer<Channel> dotLayer(String... protocols) {
        SslContext context = plainContext(protocols);
        return channel -> channel.pipeline().addLast("tls", context.newHandler(channel.alloc()));
    }

    /** The TLS versions negotiated, one per full handshake, in order (e.g. {@code TLSv1.3}). */
    public List<String> protocolsSeen() {
        return List.copyOf(protocolsSeen);
    }

    /** The SNI host names clients sent, one per handshake that sent one, in order. */
    public List<String> serverNamesSeen() {
        return List.copyOf(serverNamesSeen);
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a test server TLS context", e);
        }
    }

    /** Presents the one certificate; notes the SNI name of each handshake when the key is chosen. */
    private final class SniRecordingKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";

        @Override
        public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            // asked once per key type the handshake could use: answer (and record) only for ours
            if (!keyType.equals(certificate.getKeyPair().getPrivate().getAlgorithm())) {
                return null;
            }
            SSLSession handshake = engine.getHandshakeSession();
            if (handshake != null) {
                protocolsSeen.add(handshake.getProtocol());
            }
            if (handshake instanceof ExtendedSSLSession extended) {
                for (SNIServerName name : extended.getRequestedServerNames()) {
                    if (name instanceof SNIHostName host) {
                        serverNamesSeen.add(host.getAsciiName());
                    }
                }
            }
            return ALIAS;
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.equals(certificate.getKeyPair().getPrivate().getAlgorithm()) ? ALIAS : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return certificate.getCertificatePath();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificate.getKeyPair().getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
