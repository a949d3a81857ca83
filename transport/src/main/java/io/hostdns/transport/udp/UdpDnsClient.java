package io.hostdns.transport.udp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.QueryIds;
import io.hostdns.transport.internal.TransportErrors;
import io.hostdns.transport.tcp.TcpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link Resolver} that asks one upstream over UDP, hardened as RFC 5452 asks and as Netty's resolver
 * is not:
 * <ul>
 *   <li>a random 16-bit ID per query from this client's own {@code SecureRandom};</li>
 *   <li>queries spread over a pool of sockets on random ephemeral ports (see {@link Builder#sockets}
 *       for why a pool, and why 8), each with a large receive buffer so hundreds in flight lose nothing, and
 *       each replaced by a socket on a new port after {@link Builder#queriesPerSocket} queries;</li>
 *   <li>a response is accepted only when its source address and port, ID and question (type, class, name
 *       case-insensitively) match a query in flight on that socket; anything else is dropped and counted
 *       in {@link #stats()} while the query keeps waiting;</li>
 *   <li>EDNS0 with the query's payload size (1232 by default), capped at the client's receive size;</li>
 *   <li>a truncated (TC=1) answer is asked again over TCP of the same upstream.</li>
 * </ul>
 *
 * <p>Errors name the upstream. ICMP "port unreachable" (reported on connected sockets) fails the queries
 * on that socket at once with {@link DnsNetworkException}; "network is unreachable" or "no route to host"
 * on send fails at once with {@link io.hostdns.core.DnsUnreachableException}. A query not answered within
 * the {@linkplain Builder#queryTimeout query timeout} (default 10 s) fails with a
 * {@link io.hostdns.core.DnsTimeoutException}, so a resolution always ends; combinators put their own,
 * shorter attempt timeouts and deadlines around it. Cancelling frees the pending slot and its timer at once.
 */
public final class UdpDnsClient implements Resolver, Disposable {

    private final UpstreamId upstream;
    private final UdpSocketPool pool;
    private final Stats stats;
    private final int maxPayload;
    private final @Nullable Resolver tcpFallback;
    private final @Nullable Disposable ownedFallback;
    private final Scheduler clock;
    private final AtomicBoolean disposed = new AtomicBoolean();

    UdpDnsClient(UpstreamId upstream, UdpSocketPool pool, Stats stats, int maxPayload,
                 @Nullable Resolver tcpFallback, @Nullable Disposable ownedFallback, Scheduler clock) {
        this.upstream = upstream;
        this.pool = pool;
        this.stats = stats;
        this.maxPayload = maxPayload;
        this.tcpFallback = tcpFallback;
        this.ownedFallback = ownedFallback;
        this.clock = clock;
    }

    /** A builder for a client of {@code upstream} at {@code remote}, on {@code resources}' event loops. */
    public static Builder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        return new Builder(resources, upstream, remote);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Query sent = query.udpPayloadSize() > maxPayload ? query.withUdpPayloadSize(maxPayload) : query;
        return Mono.<Answer>create(sink -> send(sent, sink))
                .flatMap(answer -> answer.truncated() ? retryOverTcp(query, answer) : Mono.just(answer))
                .elapsed(clock)
                .map(t -> t.getT2().withElapsed(Duration.ofMillis(t.getT1())));
    }

    private void send(Query query, reactor.core.publisher.MonoSink<Answer> sink) {
        if (disposed.get()) {
            sink.error(new DnsNetworkException(upstream, "client is disposed", null));
            return;
        }
        UdpSocket socket;
        try {
            socket = pool.pick();
        } catch (RuntimeException e) {
            sink.error(TransportErrors.map(upstream, "UDP socket", e));
            return;
        }
        PendingQueries.Entry entry = socket.pending().register(query, sink);
        if (entry == null) {
            sink.error(new DnsNetworkException(upstream, "no free message ID on the socket", null));
            return;
        }
        socket.send(entry);
    }

    private Mono<Answer> retryOverTcp(Query query, Answer truncated) {
        if (tcpFallback == null) {
            return Mono.just(truncated);
        }
        stats.truncatedRetries.increment();
        return tcpFallback.resolve(query).map(a -> a.withAttempts(truncated.attempts() + a.attempts()));
    }

    /** The upstream this client asks. */
    public UpstreamId upstream() {
        return upstream;
    }

    /** Counters of this client: sent, accepted, dropped by reason, TC retries. */
    public Stats stats() {
        return stats;
    }

    /** Queries waiting for a UDP response now. */
    public int pendingCount() {
        return pool.pendingCount();
    }

    /** Sockets open now (at most the pool size). */
    public int openSockets() {
        return pool.openSockets();
    }

    /** Sockets rotated out that still wait for their last answers. */
    public int retiredSockets() {
        return pool.retiredSockets();
    }

    /** Closes the sockets (and the TCP fallback it built); queries in flight fail with {@link DnsNetworkException}. */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            pool.closeAll();
            if (ownedFallback != null) {
                ownedFallback.dispose();
            }
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        return "UdpDnsClient[" + upstream + "]";
    }

    /**
     * An immutable builder of {@link UdpDnsClient}s: every setter returns a new builder.
     *
     * <p>Defaults: 8 sockets, 4 MiB receive buffer requested per socket, 4096-byte largest UDP response,
     * connected sockets, a 10 s query timeout, and TC=1 retried over a TCP client to the same address that the
     * UDP client builds and owns.
     */
    public static final class Builder {

        private static final Duration DEFAULT_QUERY_TIMEOUT = UdpSocketPool.LINGER;

        private final DnsResources resources;
        private final UpstreamId upstream;
        private final InetSocketAddress remote;
        private final int sockets;
        private final int receiveBufferSize;
        private final int maxPayload;
        private final boolean connected;
        private final int queriesPerSocket;
        private final Duration queryTimeout;
        private final boolean tcpFallback;
        private final @Nullable Resolver tcpResolver;
        private final UnaryOperator<TcpDnsClient.Builder> tcpOptions;
        private final Scheduler clock;

        Builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
            this(Objects.requireNonNull(resources, "resources"), Objects.requireNonNull(upstream, "upstream"),
                    requireResolved(remote), 8, 4 << 20, 4096, true, 1024, DEFAULT_QUERY_TIMEOUT, true, null, b -> b,
                    Schedulers.parallel());
        }

        private Builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, int sockets,
                                    int receiveBufferSize, int maxPayload, boolean connected, int queriesPerSocket,
                                    Duration queryTimeout, boolean tcpFallback,
                                    @Nullable Resolver tcpResolver, UnaryOperator<TcpDnsClient.Builder> tcpOptions,
                                    Scheduler clock) {
            this.resources = resources;
            this.upstream = upstream;
            this.remote = remote;
            this.sockets = sockets;
            this.receiveBufferSize = receiveBufferSize;
            this.maxPayload = maxPayload;
            this.connected = connected;
            this.queriesPerSocket = queriesPerSocket;
            this.queryTimeout = queryTimeout;
            this.tcpFallback = tcpFallback;
            this.tcpResolver = tcpResolver;
            this.tcpOptions = tcpOptions;
            this.clock = clock;
        }

        private static InetSocketAddress requireResolved(InetSocketAddress remote) {
            if (Objects.requireNonNull(remote, "remote").isUnresolved()) {
                throw new IllegalArgumentException("the upstream address must be an IP address, was " + remote);
            }
            return remote;
        }

        /**
         * How many UDP sockets (source ports) to spread queries over, 1..64; default 8. Not one socket for all
         * queries: a single 5-tuple is one conntrack entry (the Kubernetes DNAT insert race drops whole bursts
         * of it, netty #13705 / reactor-netty #2978), one spoofing target, one kernel receive queue, and 16-bit
         * IDs in flight on one port collide by the birthday bound (~300 in flight gives a 50% chance of some
         * clash). Not one socket per query: a bind, an epoll registration and a close per query is what caps
         * dnsjava near 5k q/s. Eight spreads flows over conntrack entries and both event loops, keeps every
         * socket's ID table sparse at 256+ in flight (~32 each), and costs eight file descriptors per upstream.
         */
        public Builder sockets(int count) {
            if (count < 1 || count > 64) {
                throw new IllegalArgumentException("sockets must be 1..64, was " + count);
            }
            return new Builder(resources, upstream, remote, count, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /** SO_RCVBUF requested per socket; the kernel may grant less (net.core.rmem_max), which is logged. */
        public Builder receiveBufferSize(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("receiveBufferSize must be >= 4096, was " + bytes);
            }
            return new Builder(resources, upstream, remote, sockets, bytes, maxPayload, connected,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /** The largest UDP response accepted, 512..65535; larger EDNS sizes in queries are capped to it. */
        public Builder maxPayload(int bytes) {
            if (bytes < 512 || bytes > 65535) {
                throw new IllegalArgumentException("maxPayload must be 512..65535, was " + bytes);
            }
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, bytes, connected,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /**
         * Whether sockets are connected to the upstream (default true): the kernel then filters other sources
         * and reports ICMP port unreachable, so a dead port fails at once. Unconnected sockets see every
         * datagram and check the source themselves.
         */
        public Builder connectedSockets(boolean connect) {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connect,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /**
         * Queries a socket carries before it is replaced by one on a new random port (default 1024): at 40k q/s
         * over 8 sockets that is ~40 binds a second, negligible, while no port stays in use long enough to be
         * learnt and attacked with forged answers.
         */
        public Builder queriesPerSocket(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("queriesPerSocket must be >= 1, was " + count);
            }
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    count, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /**
         * How long a query waits for its answer before it fails with a {@link io.hostdns.core.DnsTimeoutException}
         * naming the upstream, 1 ms..10 s; default 10 s, as long as a rotated socket lingers for its answers: a
         * backstop so that a resolution always ends, above the 2 s attempt and 4.5 s overall defaults of groups
         * and the forwarder and the CLI's 5 s, so that it does not decide first under them. The
         * timer is one task on the socket's event loop, from the moment the query is sent; it is cancelled with
         * the query. Also the TCP retry's timeout when this builder makes the TCP client.
         */
        public Builder queryTimeout(Duration timeout) {
            if (timeout.toMillis() < 1 || timeout.compareTo(UdpSocketPool.LINGER) > 0) {
                throw new IllegalArgumentException("queryTimeout must be 1 ms.." + UdpSocketPool.LINGER.toSeconds()
                        + " s (a rotated socket lingers that long for its last answers), was " + timeout);
            }
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, timeout, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /**
         * No query timeout: a query whose answer never comes waits until it is cancelled. Only for callers that
         * bound every resolution themselves (e.g. {@code Resolvers.withAttemptTimeout}), to save the timer.
         */
        public Builder noQueryTimeout() {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, Duration.ZERO, tcpFallback, tcpResolver, tcpOptions, clock);
        }

        /** Retry truncated answers over {@code tcp} instead of a TCP client built for the same address. */
        public Builder tcpFallback(Resolver tcp) {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, true, Objects.requireNonNull(tcp, "tcp"), tcpOptions, clock);
        }

        /** No TCP retry: a truncated answer is returned as it came (TC=1). */
        public Builder noTcpFallback() {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, false, null, tcpOptions, clock);
        }

        /** Options for the TCP client this client builds (and owns) for TC=1 retries, e.g. {@code b -> b.maxConnections(4)}. */
        public Builder tcpFallbackOptions(UnaryOperator<TcpDnsClient.Builder> options) {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, Objects.requireNonNull(options, "options"),
                    clock);
        }

        /** The scheduler whose clock measures {@link io.hostdns.core.Answer#elapsed()}; default parallel(). */
        public Builder clock(Scheduler scheduler) {
            return new Builder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions,
                    Objects.requireNonNull(scheduler, "clock"));
        }

        /** A new client; it opens no socket until its first query. */
        public UdpDnsClient build() {
            Stats stats = new Stats();
            UdpSocketPool pool = new UdpSocketPool(resources, upstream, remote, sockets, connected, receiveBufferSize,
                    maxPayload, queriesPerSocket, queryTimeout, QueryIds.create(), stats);
            Resolver tcp = tcpResolver;
            TcpDnsClient owned = null;
            if (tcpFallback && tcp == null) {
                UpstreamId tcpId = new UpstreamId(upstream.index(), Protocol.TCP, upstream.address());
                TcpDnsClient.Builder tcpBuilder = TcpDnsClient.builder(resources, tcpId, remote).clock(clock);
                tcpBuilder = queryTimeout.isZero() ? tcpBuilder.noQueryTimeout() : tcpBuilder.queryTimeout(queryTimeout);
                owned = tcpOptions.apply(tcpBuilder).build();
                tcp = owned;
            }
            return new UdpDnsClient(upstream, pool, stats, maxPayload, tcpFallback ? tcp : null, owned, clock);
        }
    }

    /**
     * Counters of one {@link UdpDnsClient}, for metrics and for tests that check a spoofed or stray
     * datagram was dropped rather than accepted. Every datagram received is either accepted or counted
     * in exactly one of the {@code dropped*} counters.
     */
    public static final class Stats {

        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder droppedWrongSource = new LongAdder();
        final LongAdder droppedUnknownId = new LongAdder();
        final LongAdder droppedWrongQuestion = new LongAdder();
        final LongAdder droppedMalformed = new LongAdder();
        final LongAdder truncatedRetries = new LongAdder();
        final LongAdder socketsRotated = new LongAdder();

        Stats() {
        }

        /** Queries written to a socket. */
        public long sent() {
            return sent.sum();
        }

        /** Responses that matched a pending query and completed it. */
        public long accepted() {
            return accepted.sum();
        }

        /** Datagrams from an address or port other than the upstream's. */
        public long droppedWrongSource() {
            return droppedWrongSource.sum();
        }

        /** Datagrams whose ID matches no pending query on that socket (late, cancelled or forged). */
        public long droppedUnknownId() {
            return droppedUnknownId.sum();
        }

        /** Responses with a pending ID but another question (type, class or name). */
        public long droppedWrongQuestion() {
            return droppedWrongQuestion.sum();
        }

        /** Datagrams that are not a DNS response (too short, QR=0, undecodable question). */
        public long droppedMalformed() {
            return droppedMalformed.sum();
        }

        /** Every datagram that was dropped, whatever the reason. */
        public long dropped() {
            return droppedWrongSource() + droppedUnknownId() + droppedWrongQuestion() + droppedMalformed();
        }

        /** Truncated (TC=1) answers retried over TCP. */
        public long truncatedRetries() {
            return truncatedRetries.sum();
        }

        /** Sockets replaced by a fresh one on a new port after their query quota. */
        public long socketsRotated() {
            return socketsRotated.sum();
        }

        @Override
        public String toString() {
            return "Stats[sent=" + sent() + ", accepted=" + accepted() + ", wrongSource=" + droppedWrongSource()
                    + ", unknownId=" + droppedUnknownId() + ", wrongQuestion=" + droppedWrongQuestion()
                    + ", malformed=" + droppedMalformed() + ", tcRetries=" + truncatedRetries() + ", rotated=" + socketsRotated() + "]";
        }
    }
}
