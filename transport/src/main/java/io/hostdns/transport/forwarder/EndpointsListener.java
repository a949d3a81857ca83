package io.hostdns.transport.forwarder;

import io.hostdns.transport.forwarder.config.ListenAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * The one listener of the forwarder's {@link ForwarderEndpoints} ({@code hostDNS.metrics.listen}) over the
 * forwarder's life: bound at start, moved by a reconfiguration that changes its address, closed at shutdown.
 * A move binds the new address before anything else changes and closes the old listener only once the rest of
 * the reconfiguration succeeded, so a failure anywhere leaves the endpoints where they were. Thread-safe; the
 * forwarder serialises start, reconfigurations and shutdown.
 */
final class EndpointsListener {

    private static final Logger log = LoggerFactory.getLogger(EndpointsListener.class);

    private final ForwarderEndpoints endpoints;
    private final AtomicReference<@Nullable DisposableServer> server = new AtomicReference<>();

    EndpointsListener(ForwarderEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Binds the endpoints at {@code listen} (nothing when it is null: endpoints off) and keeps the listener. */
    Mono<Void> start(@Nullable ListenAddress listen) {
        return bind(listen).doOnNext(server::set).then();
    }

    /**
     * {@code change} with the endpoints moved from {@code before} to {@code after}: when the two differ, the new
     * listener is bound first (a failure to bind fails the whole change, before it starts), and the old one is
     * closed after {@code change} succeeded; when {@code change} fails, the new one is closed instead.
     */
    Mono<Void> around(@Nullable ListenAddress before, @Nullable ListenAddress after, Mono<Void> change) {
        if (Objects.equals(before, after)) {
            return change;
        }
        return bind(after).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(candidate -> change
                        .doOnError(error -> candidate.ifPresent(DisposableServer::dispose))
                        .doOnSuccess(v -> {
                            DisposableServer old = server.getAndSet(candidate.orElse(null));
                            if (old != null) {
                                old.dispose();
                            }
                            log.info("HTTP endpoints {}", after == null ? "off" : "on " + address());
                        }));
    }

    /** The bound address, null when the endpoints are off (or not bound yet, or closed). */
    @Nullable InetSocketAddress address() {
        DisposableServer current = server.get();
        return current == null ? null : (InetSocketAddress) current.address();
    }

    /** Closes the listener; the endpoints answer no more. */
    void close() {
        DisposableServer current = server.getAndSet(null);
        if (current != null) {
            current.dispose();
        }
    }

    /** The endpoints bound at {@code listen}; empty when it is null (endpoints off). */
    private Mono<DisposableServer> bind(@Nullable ListenAddress listen) {
        if (listen == null) {
            return Mono.empty();
        }
        return endpoints.bind(listen.toSocketAddress()).onErrorMap(error -> new IllegalStateException(
                "hostDNS.metrics.listen " + listen + " cannot be bound: " + error.getMessage()
                        + " (choose another address, or \"\" for no HTTP endpoints)", error));
    }
}
