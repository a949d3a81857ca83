package io.hostdns.transport.tls;

import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities an encrypted upstream (DoT, DoH) must chain to: the JVM's default trust
 * store, a given set of CA certificates, or a caller's {@link TrustManagerFactory}.
 *
 * <p>Trust only decides whose signatures count; the clients always verify the certificate chain and
 * the server's name as well, whatever the trust. Immutable and safe to share.
 */
public final class TlsTrust {

    private static final TlsTrust SYSTEM = new TlsTrust(List.of(), null, "system default");

    private final List<X509Certificate> authorities;
    private final @Nullable TrustManagerFactory factory;
    private final String description;

    private TlsTrust(List<X509Certificate> authorities, @Nullable TrustManagerFactory factory, String description) {
        this.authorities = authorities;
        this.factory = factory;
        this.description = description;
    }

    /** The JVM's default trust store (the {@code cacerts} of the running JDK, or {@code javax.net.ssl.trustStore}). */
    public static TlsTrust systemDefault() {
        return SYSTEM;
    }

    /** Only certificates that chain to one of {@code authorities}; the system trust store is not used. */
    public static TlsTrust certificates(X509Certificate... authorities) {
        if (authorities.length == 0) {
            throw new IllegalArgumentException("at least one CA certificate is needed");
        }
        List<X509Certificate> list = List.of(authorities);
        return new TlsTrust(list, null, list.size() + " given CA certificate(s)");
    }

    /** Whatever {@code factory} trusts (for instance a test CA, or a pinned store). */
    public static TlsTrust trustManagerFactory(TrustManagerFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return new TlsTrust(List.of(), factory, "trust manager factory " + factory.getAlgorithm());
    }

    /**
     * Configures {@code builder} (a client context builder) to trust what this trust says; the system
     * default leaves the builder's default, which is the JVM's trust store.
     */
    public SslContextBuilder applyTo(SslContextBuilder builder) {
        if (factory != null) {
            return builder.trustManager(factory);
        }
        if (!authorities.isEmpty()) {
            return builder.trustManager(authorities);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "TlsTrust[" + description + "]";
    }
}
