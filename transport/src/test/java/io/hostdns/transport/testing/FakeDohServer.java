package io.hostdns.transport.testing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.channel.EventLoopGroup;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A DNS-over-HTTPS server on a loopback port for tests: HTTPS with a {@link TlsServerIdentity},
 * HTTP/2 and HTTP/1.1 (or HTTP/1.1 only), scripted by a {@link DohHandler} (HTTP-level faults: any
 * status, media type or body) or by a {@link FakeDnsServer}'s script ({@link #startFor}), recording
 * every request.
 * Any path is served; a POST body or a GET {@code dns} parameter is the query. A request whose query
 * cannot be read gets 400 without reaching the handler.
 *
 * <p>It runs on its own event loop (or the {@code FakeDnsServer}'s), closed by {@link #close()} (call it
 * from the test thread).
 */
public final class FakeDohServer implements AutoCloseable {

    private final @Nullable LoopResources ownLoops;
    private final DisposableServer server;
    private final List<DohExchange> exchanges = new CopyOnWriteArrayList<>();
    private final DohHandler handler;

    private FakeDohServer(TlsServerIdentity tls, boolean http2, DohHandler handler, @Nullable EventLoopGroup shared) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.ownLoops = shared == null ? LoopResources.create("fake-doh", 1, true) : null;
        // the TLS context is built here, on the caller's thread: it is blocking work
        var sslContext = tls.httpContext(http2);
        HttpServer http = HttpServer.create()
                .host("127.0.0.1")
                .port(0);
        http = ownLoops != null ? http.runOn(ownLoops) : http.runOn(shared);
        http = http
                .protocol(http2 ? new HttpProtocol[] {HttpProtocol.H2, HttpProtocol.HTTP11}
                        : new HttpProtocol[] {HttpProtocol.HTTP11})
                .secure(spec -> spec.sslContext(sslContext))
                .handle(this::serve);
        this.server = http.bindNow(Duration.ofSeconds(5));
    }

    /** Starts a server offering HTTP/2 and HTTP/1.1 by ALPN. */
    public static FakeDohServer start(TlsServerIdentity tls, DohHandler handler) {
        return new FakeDohServer(tls, true, handler, null);
    }

    /** Starts a server that speaks only HTTP/1.1. */
    public static FakeDohServer startHttp11Only(TlsServerIdentity tls, DohHandler handler) {
        return new FakeDohServer(tls, false, handler, null);
    }

    /**
     * Starts an HTTP/2 and HTTP/1.1 server that is a DoH front of {@code dns}: on its event loop, every
     * query is played by {@code dns}'s script ({@link FakeReply}) and recorded in {@link FakeDnsServer#requests()}
     * as {@link io.hostdns.core.Protocol#HTTPS}. The first response the script sends is the HTTP reply;
     * {@link FakeReply#closeConnection()} resets the exchange. Close it before {@code dns}.
     */
    public static FakeDohServer startFor(TlsServerIdentity tls, FakeDnsServer dns) {
        return new FakeDohServer(tls, true, DohReplyChannel.dispatchingTo(dns), dns.eventLoops());
    }

    /** The loopback port it listens on. */
    public int port() {
        return server.port();
    }

    /** Every request received so far, in arrival order. */
    public List<DohExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many distinct client connections the requests so far came on. */
    public long connectionsSeen() {
        return exchanges.stream().map(DohExchange::client).distinct().count();
    }

    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        Mono<byte[]> query = request.method() == HttpMethod.POST
                ? request.receive().aggregate().asByteArray()
                : Mono.justOrEmpty(new QueryStringDecoder(request.uri()).parameters().get("dns"))
                        .flatMap(values -> Mono.fromCallable(() -> Base64.getUrlDecoder().decode(values.get(0))));
        return query
                .onErrorResume(IllegalArgumentException.class, e -> Mono.empty())
                .map(bytes -> record(request, bytes))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(exchange -> exchange.isEmpty()
                        ? response.status(400).send()
                        // an empty script reply leaves the request open until the client gives up or the server closes
                        : handler.handle(exchange.get())
                                .switchIfEmpty(Mono.never())
                                // a script that closes the connection: reset this exchange (HTTP/2 stream or HTTP/1.1 connection)
                                .onErrorResume(ClosedChannelException.class, e -> Mono.<DohReply>empty()
                                        .doOnSubscribe(s -> request.withConnection(c -> c.channel().close())))
                                .flatMap(reply -> response.status(reply.status())
                                        .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                                        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length))
                                        .sendByteArray(Mono.just(reply.body()))
                                        .then()));
    }

    private DohExchange record(HttpServerRequest request, byte[] query) {
        var headers = request.requestHeaders();
        DohExchange exchange = new DohExchange(request.method().name(), request.protocol(), request.uri(),
                headers.get(HttpHeaderNames.HOST), headers.get(HttpHeaderNames.CONTENT_TYPE),
                headers.get(HttpHeaderNames.ACCEPT), query, request.remoteAddress());
        exchanges.add(exchange);
        return exchange;
    }

    /** Stops listening, closes open connections and shuts the event loop down. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        if (ownLoops != null) {
            ownLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
        }
    }
}
