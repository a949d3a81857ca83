package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * A started {@link DnsServer}: its listeners' {@link #status()} and {@link #statusChanges()}, its
 * {@link #counters()}, and a bounded graceful {@link #shutdown(Duration)}. {@link #dispose()} starts a shutdown with a 5 s grace period.
 * After shutdown completes no socket of the server is open and its own event loops (if it made them)
 * are shut down.
 */
public final class RunningDnsServer implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(RunningDnsServer.class);
    private static final Duration DISPOSE_GRACE = Duration.ofSeconds(5);
    private static final Duration LOOP_SHUTDOWN = Duration.ofSeconds(2);

    private final List<SupervisedListener> listeners;
    private final ServerCounters counters;
    private final @Nullable LoopResources ownLoops;
    private final ListenerEvents events;
    private final AtomicReference<@Nullable Mono<Void>> shutdown = new AtomicReference<>();

    private RunningDnsServer(List<SupervisedListener> listeners, ServerCounters counters, @Nullable LoopResources ownLoops,
                             ListenerEvents events) {
        this.listeners = List.copyOf(listeners);
        this.events = events;
        this.counters = counters;
        this.ownLoops = ownLoops;
    }

    static Mono<RunningDnsServer> start(ServerSettings settings) {
        ServerCounters counters = new ServerCounters();
        QueryProcessor processor = new QueryProcessor(java.util.Objects.requireNonNull(settings.resolver),
                settings.queryTimeout, settings.maxUdpPayload, settings.timer, counters,
                new QueryLog(settings.queryLogLevel),
                settings.rateLimit == null ? null : new ClientRateLimiter(settings.rateLimit, settings.timer));
        LoopResources own = settings.eventLoops == null && settings.loopResources == null
                ? LoopResources.create("hostdns-server", Math.max(1, Runtime.getRuntime().availableProcessors()), true)
                : null;
        List<SupervisedListener> listeners = new ArrayList<>();
        ListenerEvents events = new ListenerEvents();
        int udpSockets = settings.udpSocketsPerAddress;
        boolean reusePort = udpSockets > 1 && settings.nativeTransport();
        if (udpSockets > 1 && !reusePort) {
            log.warn("{} UDP sockets per address need the native epoll transport; using one", udpSockets);
            udpSockets = 1;
        }
        int extraUdpSockets = udpSockets - 1;
        return Flux.fromIterable(settings.listen)
                .concatMap(address -> {
                    UdpListener udp = new UdpListener(settings, address, processor, own, events, reusePort);
                    listeners.add(udp);
                    return udp.start().flatMap(udpStatus -> {
                        // port 0: the other sockets take the port the first UDP one got, so one address serves all
                        InetSocketAddress bound = address.getPort() == 0 && udpStatus.state() == ListenerStatus.State.RUNNING
                                ? new InetSocketAddress(address.getAddress(), udp.address().getPort()) : address;
                        Flux<ListenerStatus> siblings = bound.getPort() == 0 ? Flux.empty()
                                : Flux.range(0, extraUdpSockets).concatMap(i -> {
                                    UdpListener sibling = new UdpListener(settings, bound, processor, own, events, true);
                                    listeners.add(sibling);
                                    return sibling.start();
                                });
                        return siblings.then(Mono.defer(() -> {
                            TcpListener tcp = new TcpListener(settings, bound, processor, counters, own, events);
                            listeners.add(tcp);
                            return tcp.start();
                        }));
                    });
                })
                .then(Mono.defer(() -> {
                    RunningDnsServer server = new RunningDnsServer(listeners, counters, own, events);
                    boolean anyRunning = listeners.stream()
                            .anyMatch(l -> l.status().state() == ListenerStatus.State.RUNNING);
                    if (anyRunning) {
                        log.info("dns server listening: {}", server.status());
                        return Mono.just(server);
                    }
                    if (!settings.failIfNoneBinds) {
                        return Mono.just(server); // every socket failed, is logged and is being rebuilt
                    }
                    return server.shutdown(Duration.ZERO).then(Mono.error(
                            new IllegalStateException("no listener could bind: " + server.status())));
                }));
    }

    /** Every listener (a UDP and a TCP one per listen address, in configuration order) and its state. */
    public List<ListenerStatus> status() {
        return listeners.stream().map(SupervisedListener::status).toList();
    }

    /**
     * The status changes of the listeners from now on (a hot stream): FAILED when a bind fails or a channel
     * dies, RUNNING when it is back, STOPPED at shutdown, after which the stream completes.
     */
    public Flux<ListenerStatus> statusChanges() {
        return events.flux();
    }

    /** The bound address of the first running listener of {@code protocol}, or null if none runs. */
    public @Nullable InetSocketAddress address(Protocol protocol) {
        for (SupervisedListener listener : listeners) {
            if (listener.protocol() == protocol && listener.status().state() == ListenerStatus.State.RUNNING) {
                return listener.address();
            }
        }
        return null;
    }

    /** The counters since start. */
    public ServerCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** The listeners themselves, for tests in this package. */
    List<SupervisedListener> listeners() {
        return listeners;
    }

    /**
     * Stops accepting and reading, lets queries in flight finish within {@code grace} (those still running
     * then are cancelled), closes every socket and shuts the server's own event loops down. Calling it again
     * returns the same shutdown.
     */
    public Mono<Void> shutdown(Duration grace) {
        Mono<Void> created = Mono.when(listeners.stream().map(l -> l.stop(grace)).toList())
                .then(ownLoops == null ? Mono.empty() : ownLoops.disposeLater(Duration.ZERO, LOOP_SHUTDOWN))
                .doOnSuccess(v -> log.info("dns server stopped"))
                // Complete the status stream before the shutdown signal reaches whoever waits for it (doFinally
                // alone runs after that, so a caller could see the shutdown done and the stream still open).
                .doOnTerminate(events::complete)
                .doFinally(s -> events.complete())
                .cache();
        return shutdown.compareAndSet(null, created) ? created : java.util.Objects.requireNonNull(shutdown.get());
    }

    @Override
    public void dispose() {
        shutdown(DISPOSE_GRACE).subscribe(null, e -> log.warn("dns server shutdown failed: {}", e.toString()));
    }

    @Override
    public boolean isDisposed() {
        return shutdown.get() != null;
    }
}
