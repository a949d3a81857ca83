package io.hostdns.transport.https;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.TransportErrors;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
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
 *   <li>HTTP status not 2xx → {@link DohStatusException} (a {@link DnsNetworkException});</li>
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
    private final DohMethod method;
    private final Duration timeout;
    private final Scheduler timer;
    private final HttpClient client;
    private final ConnectionProvider pool;
    private final Disposable resolverGroup;

    DohResolver(UpstreamId id, String url, DohMethod method, Duration timeout, Scheduler timer,
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
    public static DohResolverBuilder builder(String url) {
        return DohResolverBuilder.of(url);
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
        if (method == DohMethod.POST) {
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
}
