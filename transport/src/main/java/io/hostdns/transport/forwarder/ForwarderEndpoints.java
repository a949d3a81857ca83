package io.hostdns.transport.forwarder;

import io.hostdns.transport.DnsResources;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The forwarder's HTTP endpoints on Reactor Netty's {@link HttpServer}, on the forwarder's event loops:
 * <ul>
 *   <li>{@code GET /health}: 200 {@code OK} while the forwarder serves (a liveness probe);</li>
 *   <li>{@code GET /ready}: 200 once a listener is bound and an upstream is not DOWN, else 503; the body says
 *       why in one line ({@link Readiness});</li>
 *   <li>{@code GET /upstreams}: the status as JSON ({@link StatusJson});</li>
 *   <li>{@code GET /metrics}: every meter in Prometheus text ({@link ForwarderMetrics}), scraped off the event
 *       loops; 503 saying what to add when Micrometer's Prometheus registry is missing.</li>
 * </ul>
 * Anything else is 404. {@link #bind} makes one server; the forwarder keeps, swaps and disposes them.
 */
final class ForwarderEndpoints {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Supplier<ForwarderStatus> status;
    private final BooleanSupplier stopping;
    private final ForwarderMetrics metrics;
    private final DnsResources resources;

    ForwarderEndpoints(Supplier<ForwarderStatus> status, BooleanSupplier stopping, ForwarderMetrics metrics,
                       DnsResources resources) {
        this.status = status;
        this.stopping = stopping;
        this.metrics = metrics;
        this.resources = resources;
    }

    /** A server of the endpoints bound to {@code address} (port 0: any free port). */
    Mono<DisposableServer> bind(InetSocketAddress address) {
        return HttpServer.create()
                .runOn(resources.eventLoops())
                .bindAddress(() -> address)
                .route(routes -> routes
                        .get("/health", (request, response) -> text(response, HttpResponseStatus.OK, "OK"))
                        .get("/ready", (request, response) -> ready(response))
                        .get("/upstreams", (request, response) -> upstreams(response))
                        .get("/metrics", (request, response) -> metrics(response))
                        .route(request -> true, ForwarderEndpoints::notFound))
                .bind()
                .map(server -> (DisposableServer) server);
    }

    private Publisher<Void> ready(HttpServerResponse response) {
        Readiness readiness = Readiness.of(status.get(), stopping.getAsBoolean());
        return text(response, readiness.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                readiness.reason());
    }

    private Publisher<Void> upstreams(HttpServerResponse response) {
        ForwarderStatus now = status.get();
        String json = StatusJson.render(now, Readiness.of(now, stopping.getAsBoolean()));
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(json + "\n"), StandardCharsets.UTF_8);
    }

    private Publisher<Void> metrics(HttpServerResponse response) {
        // the JVM and process meters read /proc files: never on the event loop
        return Mono.fromCallable(() -> {
                    String text = metrics.scrape();
                    return text == null ? "" : text;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(text -> text.isEmpty()
                        ? Mono.from(text(response, HttpResponseStatus.SERVICE_UNAVAILABLE, ForwarderMetrics.MISSING))
                        : Mono.from(response.status(HttpResponseStatus.OK)
                                .header(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT)
                                .sendString(Mono.just(text), StandardCharsets.UTF_8)));
    }

    private static Publisher<Void> notFound(HttpServerRequest request, HttpServerResponse response) {
        return text(response, HttpResponseStatus.NOT_FOUND, "not found: " + request.method() + " " + request.uri()
                + " (endpoints: GET /health, /ready, /upstreams, /metrics)");
    }

    private static Publisher<Void> text(HttpServerResponse response, HttpResponseStatus code, String body) {
        return response.status(code).header(HttpHeaderNames.CONTENT_TYPE, TEXT)
                .sendString(Mono.just(body + "\n"), StandardCharsets.UTF_8);
    }
}
