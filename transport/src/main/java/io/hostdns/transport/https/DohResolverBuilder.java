package io.hostdns.transport.https;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tls.TlsTrust;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * An immutable, fluent builder of {@link DohResolver}s: every setter returns a new builder, so a
 * partly configured one can be shared. Only {@link #resources(DnsResources)} is required.
 *
 * <p>{@link #build()} creates the TLS context (which reads the trust store): call it when setting up,
 * not on an event loop.
 */
public final class DohResolverBuilder {

    private final URI url;
    private final @Nullable UpstreamId id;
    private final List<InetAddress> bootstrap;
    private final DohMethod method;
    private final TlsTrust trust;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final boolean http11Fallback;
    private final @Nullable DnsResources resources;

    private DohResolverBuilder(URI url, @Nullable UpstreamId id, List<InetAddress> bootstrap, DohMethod method,
                               TlsTrust trust, Duration timeout, Duration idleTimeout, int maxConnections,
                               boolean http11Fallback, @Nullable DnsResources resources) {
        this.url = url;
        this.id = id;
        this.bootstrap = bootstrap;
        this.method = method;
        this.trust = trust;
        this.timeout = timeout;
        this.idleTimeout = idleTimeout;
        this.maxConnections = maxConnections;
        this.http11Fallback = http11Fallback;
        this.resources = resources;
    }

    static DohResolverBuilder of(String url) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(url, "url"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a DoH URL: '" + url + "': " + e.getMessage(), e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a DoH URL: '" + url + "': expected https://host[:port]/path");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            uri = URI.create("https://" + uri.getRawAuthority() + "/dns-query"
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        return new DohResolverBuilder(uri, null, List.of(), DohMethod.POST, TlsTrust.systemDefault(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), 4, false, null);
    }

    /** The identity errors and answers name; default: index 0, {@link Protocol#HTTPS}, the URL. */
    public DohResolverBuilder id(UpstreamId id) {
        if (id.protocol() != Protocol.HTTPS) {
            throw new IllegalArgumentException("a DoH upstream's id must have protocol HTTPS, was " + id);
        }
        return new DohResolverBuilder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                http11Fallback, resources);
    }

    /**
     * The addresses to connect to instead of resolving the URL's host name (required when the host is a
     * name, ignored for an IP literal). SNI, the {@code Host} header and certificate verification keep the name.
     */
    public DohResolverBuilder bootstrap(InetAddress... addresses) {
        return new DohResolverBuilder(url, id, List.of(addresses), method, trust, timeout, idleTimeout,
                maxConnections, http11Fallback, resources);
    }

    /** POST (default) or GET. */
    public DohResolverBuilder method(DohMethod method) {
        return new DohResolverBuilder(url, id, bootstrap, Objects.requireNonNull(method, "method"), trust, timeout,
                idleTimeout, maxConnections, http11Fallback, resources);
    }

    /** Which certificate authorities the server's certificate must chain to; default: the system's. */
    public DohResolverBuilder trust(TlsTrust trust) {
        return new DohResolverBuilder(url, id, bootstrap, method, Objects.requireNonNull(trust, "trust"), timeout,
                idleTimeout, maxConnections, http11Fallback, resources);
    }

    /** How long one query may take, connecting included; default 2 s. */
    public DohResolverBuilder timeout(Duration timeout) {
        return new DohResolverBuilder(url, id, bootstrap, method, trust, positive(timeout, "timeout"), idleTimeout,
                maxConnections, http11Fallback, resources);
    }

    /** How long an unused connection stays open; default 10 s. */
    public DohResolverBuilder idleTimeout(Duration idleTimeout) {
        return new DohResolverBuilder(url, id, bootstrap, method, trust, timeout, positive(idleTimeout, "idleTimeout"),
                maxConnections, http11Fallback, resources);
    }

    /**
     * The most connections open to this upstream at once; default 4. Over HTTP/2 queries are
     * multiplexed as streams of an open connection before another one is opened.
     */
    public DohResolverBuilder maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
        return new DohResolverBuilder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                http11Fallback, resources);
    }

    /**
     * Whether HTTP/1.1 is accepted when the server does not offer HTTP/2; default false (RFC 8484 names
     * HTTP/2 the minimum recommended version). With HTTP/2 only, concurrent queries strictly share a
     * live connection; with the fallback, Reactor Netty's pool may open another connection (up to
     * {@link #maxConnections(int)}) for queries that arrive while a stream is being opened.
     */
    public DohResolverBuilder http11Fallback(boolean http11Fallback) {
        return new DohResolverBuilder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                http11Fallback, resources);
    }

    /** The event loops to run on (required). */
    public DohResolverBuilder resources(DnsResources resources) {
        return new DohResolverBuilder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                http11Fallback, Objects.requireNonNull(resources, "resources"));
    }

    /**
     * A new resolver with its own connection pool and TLS context.
     *
     * @throws IllegalStateException when no resources are set, or the host is a name without bootstrap addresses
     */
    public DohResolver build() {
        if (resources == null) {
            throw new IllegalStateException("DoH upstream " + url + ": resources(DnsResources) is required");
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        boolean literal = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
        if (!literal && bootstrap.isEmpty()) {
            throw new IllegalStateException("DoH upstream " + url + " needs a bootstrap address: its host name "
                    + host + " must not be resolved through DNS");
        }
        UpstreamId upstream = id != null ? id : new UpstreamId(0, Protocol.HTTPS, url.toString());
        ConnectionProvider pool = DohHttpClients.pool(host, maxConnections, http11Fallback, timeout, idleTimeout);
        HttpClient client = DohHttpClients.client(pool, resources, trust, http11Fallback);
        Disposable resolverGroup = () -> { };
        if (!literal) {
            BootstrapAddressResolverGroup group = new BootstrapAddressResolverGroup(host, bootstrap);
            client = client.resolver(group);
            resolverGroup = group::close;
        }
        Scheduler timer = Schedulers.parallel();
        return new DohResolver(upstream, url.toString(), method, timeout, timer, client, pool, resolverGroup);
    }

    private static Duration positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
