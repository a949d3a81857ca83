package io.hostdns.transport.https;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.TransportErrors;
import io.hostdns.transport.tls.TlsTrust;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A {@link Resolver} for one DNS-over-HTTPS upstream (RFC 8484), on Reactor Netty's HTTP client:
 * HTTP/2 over TLS negotiated by ALPN (HTTP/1.1 when the server offers nothing else, unless disabled),
 * one connection pool per upstream so that queries share a connection, and the server's host name
 * connected to through a bootstrap address instead of DNS. Made by {@link #builder(String)}.
 *
 * <p>Each query is sent with message ID 0 (so GET responses are cacheable), as a POST body (default)
 * or as the {@code dns} parameter of a GET, with {@code Accept: application/dns-message}. A response
 * counts only when its status is 2xx, its media type is {@code application/dns-message}, its ID is 0
 * and its question is the query's; the {@link Answer} then carries those bytes (ID 0: a forwarder
 * patches its client's ID in). Failures are typed and name this upstream:
 * <ul>
 *   <li>HTTP status not 2xx → {@link StatusException} (a {@link DnsNetworkException});</li>
 *   <li>wrong media type, empty, oversized or mismatched body → {@link io.hostdns.core.MalformedResponseException};</li>
 *   <li>refused connection, TLS failure (untrusted certificate, wrong name), reset → {@link DnsNetworkException},
 *       as soon as it happens, not after the timeout;</li>
 *   <li>no response within the timeout → {@link DnsTimeoutException}.</li>
 * </ul>
 * Lazy, cancellable (cancelling resets the HTTP/2 stream or closes the HTTP/1.1 connection) and
 * non-blocking, as {@link Resolver} promises. {@link #dispose()} closes the pool's connections; the
 * event loops belong to the {@link io.hostdns.transport.DnsResources} it was built with.
 */
public final class DohResolver implements Resolver, Disposable {

    private final UpstreamId id;
    private final String url;
    private final String getUrlPrefix;
    private final Method method;
    private final Duration timeout;
    private final Scheduler timer;
    private final HttpClient client;
    private final ConnectionProvider pool;
    private final Disposable resolverGroup;

    DohResolver(UpstreamId id, String url, Method method, Duration timeout, Scheduler timer,
                HttpClient client, ConnectionProvider pool, Disposable resolverGroup) {
        this.id = id;
        this.url = url;
        this.getUrlPrefix = url + (url.indexOf('?') < 0 ? "?dns=" : "&dns=");
        this.method = method;
        this.timeout = timeout;
        this.timer = timer;
        this.client = client;
        this.pool = pool;
        this.resolverGroup = resolverGroup;
    }

    /**
     * A builder for the DoH upstream at {@code url}, e.g. {@code https://dns.example/dns-query}
     * ({@code /dns-query} when the URL has no path).
     */
    public static Builder builder(String url) {
        return Builder.of(url);
    }

    /** Who this upstream is: errors and answers name it. */
    public UpstreamId id() {
        return id;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> {
            long start = timer.now(TimeUnit.NANOSECONDS);
            return exchange(query, query.toWire(0)).map(bytes -> Answer.of(bytes, AnswerSource.upstream(id))
                    .withElapsed(Duration.ofNanos(timer.now(TimeUnit.NANOSECONDS) - start)));
        })
                .timeout(timeout, timer)
                .onErrorMap(e -> !(e instanceof DnsException), this::typed);
    }

    private Mono<byte[]> exchange(Query query, byte[] wire) {
        HttpClient.ResponseReceiver<?> request;
        if (method == Method.POST) {
            request = client.post().uri(url).send((req, out) -> {
                req.header(HttpHeaderNames.CONTENT_TYPE, DohResponses.DNS_MESSAGE);
                req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(wire.length));
                return out.sendByteArray(Mono.just(wire));
            });
        } else {
            request = client.get().uri(getUrlPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(wire));
        }
        return request.responseSingle((response, body) -> DohResponses.read(id, query, response, body));
    }

    private DnsException typed(Throwable error) {
        if (error instanceof TimeoutException) {
            return new DnsTimeoutException(id, timeout);
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return new DnsNetworkException(id, "TLS failed: " + t.getMessage(), error);
            }
        }
        return TransportErrors.map(id, "DoH request", error);
    }

    /** Closes this upstream's connections at once; queries in flight fail with a network error. */
    @Override
    public void dispose() {
        pool.dispose();
        resolverGroup.dispose();
    }

    /** Closes this upstream's connections; completes when they are closed. */
    public Mono<Void> disposeLater() {
        return pool.disposeLater().doFinally(s -> resolverGroup.dispose());
    }

    @Override
    public boolean isDisposed() {
        return pool.isDisposed();
    }

    @Override
    public String toString() {
        return "DohResolver[" + id + ", " + method + "]";
    }

    /**
     * An immutable, fluent builder of {@link DohResolver}s: every setter returns a new builder, so a
     * partly configured one can be shared. Only {@link #resources(DnsResources)} is required.
     *
     * <p>{@link #build()} creates the TLS context (which reads the trust store): call it when setting up,
     * not on an event loop.
     */
    public static final class Builder {

        private final URI url;
        private final @Nullable UpstreamId id;
        private final List<InetAddress> bootstrap;
        private final Method method;
        private final TlsTrust trust;
        private final Duration timeout;
        private final Duration idleTimeout;
        private final int maxConnections;
        private final boolean http11Fallback;
        private final @Nullable DnsResources resources;

        private Builder(URI url, @Nullable UpstreamId id, List<InetAddress> bootstrap, Method method,
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

        static Builder of(String url) {
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
            return new Builder(uri, null, List.of(), Method.POST, TlsTrust.systemDefault(),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), 4, false, null);
        }

        /** The identity errors and answers name; default: index 0, {@link Protocol#HTTPS}, the URL. */
        public Builder id(UpstreamId id) {
            if (id.protocol() != Protocol.HTTPS) {
                throw new IllegalArgumentException("a DoH upstream's id must have protocol HTTPS, was " + id);
            }
            return new Builder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                    http11Fallback, resources);
        }

        /**
         * The addresses to connect to instead of resolving the URL's host name (required when the host is a
         * name, ignored for an IP literal). SNI, the {@code Host} header and certificate verification keep the name.
         */
        public Builder bootstrap(InetAddress... addresses) {
            return new Builder(url, id, List.of(addresses), method, trust, timeout, idleTimeout,
                    maxConnections, http11Fallback, resources);
        }

        /** POST (default) or GET. */
        public Builder method(Method method) {
            return new Builder(url, id, bootstrap, Objects.requireNonNull(method, "method"), trust, timeout,
                    idleTimeout, maxConnections, http11Fallback, resources);
        }

        /** Which certificate authorities the server's certificate must chain to; default: the system's. */
        public Builder trust(TlsTrust trust) {
            return new Builder(url, id, bootstrap, method, Objects.requireNonNull(trust, "trust"), timeout,
                    idleTimeout, maxConnections, http11Fallback, resources);
        }

        /** How long one query may take, connecting included; default 2 s. */
        public Builder timeout(Duration timeout) {
            return new Builder(url, id, bootstrap, method, trust, positive(timeout, "timeout"), idleTimeout,
                    maxConnections, http11Fallback, resources);
        }

        /** How long an unused connection stays open; default 10 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            return new Builder(url, id, bootstrap, method, trust, timeout, positive(idleTimeout, "idleTimeout"),
                    maxConnections, http11Fallback, resources);
        }

        /**
         * The most connections open to this upstream at once; default 4. Over HTTP/2 queries are
         * multiplexed as streams of an open connection before another one is opened.
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
            }
            return new Builder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                    http11Fallback, resources);
        }

        /**
         * Whether HTTP/1.1 is accepted when the server does not offer HTTP/2; default false (RFC 8484 names
         * HTTP/2 the minimum recommended version). With HTTP/2 only, concurrent queries strictly share a
         * live connection; with the fallback, Reactor Netty's pool may open another connection (up to
         * {@link #maxConnections(int)}) for queries that arrive while a stream is being opened.
         */
        public Builder http11Fallback(boolean http11Fallback) {
            return new Builder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
                    http11Fallback, resources);
        }

        /** The event loops to run on (required). */
        public Builder resources(DnsResources resources) {
            return new Builder(url, id, bootstrap, method, trust, timeout, idleTimeout, maxConnections,
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

    /** How a DNS query travels in a DoH request (RFC 8484 section 4.1). */
    public enum Method {
        /** The query is the request body, {@code Content-Type: application/dns-message}; the default. */
        POST,
        /**
         * The query is the {@code dns} URL parameter, base64url without padding; cacheable by HTTP caches
         * because the query ID is always 0.
         */
        GET
    }

    /**
     * A DoH server answered with an HTTP status other than 2xx (RFC 8484 section 4.2.1: such a response
     * carries no DNS answer), for instance 404 (wrong path), 415 (unsupported media type) or 500. It is
     * a network error, not an answer, so that fallback moves on to the next upstream.
     */
    public static class StatusException extends DnsNetworkException {

        private static final long serialVersionUID = 1L;

        private final int status;

        public StatusException(UpstreamId upstream, int status, String reason) {
            super(upstream, "HTTP status " + status + (reason.isEmpty() ? "" : " " + reason), null);
            this.status = status;
        }

        /** The HTTP status code the server answered with. */
        public int status() {
            return status;
        }
    }
}
