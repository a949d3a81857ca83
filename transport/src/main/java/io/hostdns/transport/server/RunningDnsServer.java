package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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
    private final Counters counters;
    private final @Nullable LoopResources ownLoops;
    private final ListenerEvents events;
    private final AtomicReference<@Nullable Mono<Void>> shutdown = new AtomicReference<>();

    private RunningDnsServer(List<SupervisedListener> listeners, Counters counters, @Nullable LoopResources ownLoops,
                             ListenerEvents events) {
        this.listeners = List.copyOf(listeners);
        this.events = events;
        this.counters = counters;
        this.ownLoops = ownLoops;
    }

    static Mono<RunningDnsServer> start(ServerSettings settings) {
        Counters counters = settings.counters != null ? settings.counters : new Counters();
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
                .concatMap(configured -> (reusePort ? UdpPortClaim.claim(settings, own, configured)
                        : Mono.just(Optional.<InetSocketAddress>empty())).flatMap(claimed -> {
                    boolean group = claimed.isPresent();
                    UdpListener udp = new UdpListener(settings, claimed.orElse(configured), processor, own, events, group, 0);
                    listeners.add(udp);
                    return udp.start().flatMap(udpStatus -> {
                        // port 0 without a group: TCP takes the port the UDP socket got, so one address serves both
                        InetSocketAddress bound = configured.getPort() == 0 && udpStatus.state() == ListenerStatus.State.RUNNING
                                ? new InetSocketAddress(configured.getAddress(), udp.address().getPort())
                                : claimed.orElse(configured);
                        Flux<ListenerStatus> siblings = !group ? Flux.empty()
                                : Flux.range(1, extraUdpSockets).concatMap(i -> {
                                    UdpListener sibling = new UdpListener(settings, bound, processor, own, events, true, i);
                                    listeners.add(sibling);
                                    return sibling.start();
                                });
                        return siblings.then(Mono.defer(() -> {
                            TcpListener tcp = new TcpListener(settings, bound, processor, counters, own, events);
                            listeners.add(tcp);
                            return tcp.start();
                        }));
                    });
                }))
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
    public Counters.Snapshot counters() {
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

    /**
     * The state of one listener (one socket: an address and a protocol) of a running {@link DnsServer}.
     *
     * @param address  the bound address (with the actual port once bound), else the configured one
     * @param protocol {@link Protocol#UDP} or {@link Protocol#TCP}
     * @param state    running, failed (bind failed or the channel died; being retried), or stopped
     * @param error    why it failed, null unless {@code state} is {@link State#FAILED}
     */
    public record ListenerStatus(InetSocketAddress address, Protocol protocol, State state, @Nullable String error) {

        /** The life of a listener. */
        public enum State {
            /** Bound and serving. */
            RUNNING,
            /** Not serving: its bind failed or its channel closed unexpectedly; it is rebuilt with backoff. */
            FAILED,
            /** Closed by shutdown. */
            STOPPED
        }

        public ListenerStatus {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String toString() {
            return protocol.label() + " " + address + " " + state + (error == null ? "" : " (" + error + ")");
        }
    }

    /**
     * The counters of one running server, or of several that share them ({@link DnsServer#counters}), updated
     * from every event loop; {@link #snapshot()}, {@link #requests} and {@link #replies} read them.
     */
    public static final class Counters {

        /** The query types {@link #requests} counts one by one; the last, {@code other}, counts the rest. */
        public static final List<String> REQUEST_TYPES = QueryCounts.TYPES;
        /** The rcodes {@link #replies} counts by name ({@code NOERROR}...), the last, {@code other}, the rest. */
        public static final List<String> REPLY_RCODES = QueryCounts.RCODES;

        final LongAdder udpQueries = new LongAdder();
        final LongAdder tcpQueries = new LongAdder();
        final LongAdder formErr = new LongAdder();
        final LongAdder notImp = new LongAdder();
        final LongAdder droppedMalformed = new LongAdder();
        final LongAdder refusedByAcl = new LongAdder();
        final LongAdder truncated = new LongAdder();
        final LongAdder servfailOnError = new LongAdder();
        final LongAdder tcpConnectionsRejected = new LongAdder();
        final LongAdder rateLimited = new LongAdder();
        final QueryCounts kinds = new QueryCounts();

        /** Counters at zero, to give one or several servers ({@link DnsServer#counters}). */
        public Counters() {
        }

        /** Requests of {@code type} (one of {@link #REQUEST_TYPES}) read over {@code protocol} (UDP or TCP). */
        public long requests(Protocol protocol, String type) {
            return kinds.requests(protocol, type);
        }

        /** Replies sent with {@code rcode} (one of {@link #REPLY_RCODES}), whatever produced them. */
        public long replies(String rcode) {
            return kinds.replies(rcode);
        }

        /** The counts now. */
        public Snapshot snapshot() {
            return new Snapshot(udpQueries.sum(), tcpQueries.sum(), formErr.sum(), notImp.sum(), droppedMalformed.sum(),
                    refusedByAcl.sum(), truncated.sum(), servfailOnError.sum(), tcpConnectionsRejected.sum(),
                    rateLimited.sum());
        }

        /**
         * Counts since the server started.
         *
         * @param udpQueries             requests read over UDP (including the rejected ones)
         * @param tcpQueries             requests read over TCP
         * @param formErr                requests answered FORMERR (or BADVERS, for an unknown EDNS version)
         * @param notImp                 requests answered NOTIMP (opcodes other than QUERY)
         * @param droppedMalformed       packets dropped unanswered (shorter than a DNS header)
         * @param refusedByAcl           UDP requests refused and TCP connections closed because of the ACL
         * @param truncated              UDP replies sent with TC=1 because they did not fit the client's size
         * @param servfailOnError        SERVFAIL replies written because the pipeline failed (timeout, network...)
         * @param tcpConnectionsRejected TCP connections closed because the connection cap was reached
         * @param rateLimited            requests over their client's rate limit (answered TC=1 or REFUSED)
         */
        public record Snapshot(long udpQueries, long tcpQueries, long formErr, long notImp, long droppedMalformed,
                               long refusedByAcl, long truncated, long servfailOnError, long tcpConnectionsRejected,
                               long rateLimited) {
        }
    }
}
