package io.hostdns.transport.udp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.QueryIds;
import io.hostdns.transport.tcp.TcpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
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
 *   <li>a query not answered within the upstream's retransmission timeout is sent again, under a new ID, to
 *       the same upstream (see {@link Builder#retransmissions}): a lost datagram costs tens of milliseconds,
 *       not the whole attempt;</li>
 *   <li>a truncated (TC=1) answer is asked again over TCP of the same upstream.</li>
 * </ul>
 *
 * <p>Errors name the upstream. ICMP "port unreachable" (reported on connected sockets) fails the queries
 * on that socket at once with {@link DnsNetworkException}; "network is unreachable" or "no route to host"
 * on send fails at once with {@link io.hostdns.core.DnsUnreachableException}. A query not answered within
 * the {@linkplain Builder#queryTimeout query timeout} (default 10 s) fails with a
 * {@link io.hostdns.core.DnsTimeoutException}, so a resolution always ends; combinators put their own,
 * shorter attempt timeouts and deadlines around it. Cancelling frees the pending slots and the timer at once.
 * An answer's {@link Answer#attempts()} is the number of datagrams its query took (1 unless retransmitted;
 * plus the TCP query after a truncated answer).
 */
public final class UdpDnsClient implements Resolver, Disposable {

    private final UpstreamId upstream;
    private final UdpSocketPool pool;
    private final Stats stats;
    private final int maxPayload;
    private final @Nullable Resolver tcpFallback;
    private final @Nullable Disposable ownedFallback;
    private final Scheduler clock;
    private final RetransmitTimeout retransmitTimeout;
    private final int retransmissions;
    private final long queryTimeoutNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean disposed = new AtomicBoolean();

    UdpDnsClient(UpstreamId upstream, UdpSocketPool pool, Stats stats, int maxPayload,
                 @Nullable Resolver tcpFallback, @Nullable Disposable ownedFallback, Scheduler clock,
                 RetransmitTimeout retransmitTimeout, int retransmissions, Duration queryTimeout) {
        this.upstream = upstream;
        this.pool = pool;
        this.stats = stats;
        this.maxPayload = maxPayload;
        this.tcpFallback = tcpFallback;
        this.ownedFallback = ownedFallback;
        this.clock = clock;
        this.retransmitTimeout = retransmitTimeout;
        this.retransmissions = retransmissions;
        this.queryTimeoutNanos = queryTimeout.toNanos();
    }

    /** A builder for a client of {@code upstream} at {@code remote}, on {@code resources}' event loops. */
    public static Builder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        return new Builder(resources, upstream, remote);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Query sent = query.udpPayloadSize() > maxPayload ? query.withUdpPayloadSize(maxPayload) : query;
        return new Exchange(query, sent);
    }

    /** One {@link UdpExchange} per subscription, as {@code Mono.defer} would make it. */
    private final class Exchange extends Mono<Answer> {
        private final Query asked;
        private final Query sent;

        Exchange(Query asked, Query sent) {
            this.asked = asked;
            this.sent = sent;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Answer> actual) {
            UdpExchange exchange = new UdpExchange(actual, UdpDnsClient.this, asked, sent);
            actual.onSubscribe(exchange);
            exchange.start();
        }
    }

    UdpSocketPool pool() {
        return pool;
    }

    Scheduler clock() {
        return clock;
    }

    @Nullable Resolver tcpFallback() {
        return tcpFallback;
    }

    RetransmitTimeout retransmitTimeouts() {
        return retransmitTimeout;
    }

    int retransmissions() {
        return retransmissions;
    }

    long queryTimeoutNanos() {
        return queryTimeoutNanos;
    }

    void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    void exchangeEnded() {
        inFlight.decrementAndGet();
    }

    /** The upstream this client asks. */
    public UpstreamId upstream() {
        return upstream;
    }

    /** Counters of this client: sent, accepted, dropped by reason, TC retries. */
    public Stats stats() {
        return stats;
    }

    /** Queries waiting for a UDP response now (a query sent again under a second ID still counts once). */
    public int pendingCount() {
        return inFlight.get();
    }

    /** Message IDs waiting for a response on the sockets now: each send of each query in flight. */
    int pendingIds() {
        return pool.pendingCount();
    }

    /**
     * The timeout after which a query is sent again now: SRTT + 4 x RTTVAR of this upstream's measured round
     * trips, at least the {@linkplain Builder#retransmissions floor}; the initial value before any answer.
     */
    public Duration retransmitTimeout() {
        return Duration.ofNanos(retransmitTimeout.nanos());
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
     * connected sockets, 3 retransmissions with a 40 ms floor, a 10 s query timeout, and TC=1 retried over a
     * TCP client to the same address that the UDP client builds and owns.
     */
    public static final class Builder {

        private static final Duration DEFAULT_QUERY_TIMEOUT = UdpSocketPool.LINGER;
        /**
         * The retransmission timeout before the upstream has answered anything: RFC 6298's 1 s. Lower, a burst of
         * queries to a cold, slow upstream (a forwarder's first second) would be sent twice before a single round
         * trip is known; the first answer replaces it by about three times its own round trip.
         */
        static final Duration INITIAL_RETRANSMIT_TIMEOUT = Duration.ofSeconds(1);
        static final Duration DEFAULT_RETRANSMIT_FLOOR = Duration.ofMillis(40);
        static final int DEFAULT_RETRANSMISSIONS = 3;

        private final UdpClientSettings settings;

        Builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
            this(new UdpClientSettings(Objects.requireNonNull(resources, "resources"),
                    Objects.requireNonNull(upstream, "upstream"), requireResolved(remote), 8, 4 << 20, 4096, true, 1024,
                    DEFAULT_QUERY_TIMEOUT, DEFAULT_RETRANSMISSIONS, DEFAULT_RETRANSMIT_FLOOR, true, null, b -> b,
                    Schedulers.parallel()));
        }

        private Builder(UdpClientSettings settings) {
            this.settings = settings;
        }

        private Builder with(Consumer<UdpClientSettings.Draft> change) {
            UdpClientSettings.Draft draft = new UdpClientSettings.Draft(settings);
            change.accept(draft);
            return new Builder(draft.settings());
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
            return with(d -> d.sockets = count);
        }

        /** SO_RCVBUF requested per socket; the kernel may grant less (net.core.rmem_max), which is logged. */
        public Builder receiveBufferSize(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("receiveBufferSize must be >= 4096, was " + bytes);
            }
            return with(d -> d.receiveBufferSize = bytes);
        }

        /** The largest UDP response accepted, 512..65535; larger EDNS sizes in queries are capped to it. */
        public Builder maxPayload(int bytes) {
            if (bytes < 512 || bytes > 65535) {
                throw new IllegalArgumentException("maxPayload must be 512..65535, was " + bytes);
            }
            return with(d -> d.maxPayload = bytes);
        }

        /**
         * Whether sockets are connected to the upstream (default true): the kernel then filters other sources
         * and reports ICMP port unreachable, so a dead port fails at once. Unconnected sockets see every
         * datagram and check the source themselves.
         */
        public Builder connectedSockets(boolean connect) {
            return with(d -> d.connected = connect);
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
            return with(d -> d.queriesPerSocket = count);
        }

        /**
         * How long a query waits for its answer before it fails with a {@link io.hostdns.core.DnsTimeoutException}
         * naming the upstream, 1 ms..10 s; default 10 s, as long as a rotated socket lingers for its answers: a
         * backstop so that a resolution always ends, above the 2 s attempt and 4.5 s overall defaults of groups
         * and the forwarder and the CLI's 5 s, so that it does not decide first under them. It runs from the
         * query's first send, on the same event-loop task as its retransmissions. Also the TCP retry's timeout
         * when this builder makes the TCP client.
         */
        public Builder queryTimeout(Duration timeout) {
            if (timeout.toMillis() < 1 || timeout.compareTo(UdpSocketPool.LINGER) > 0) {
                throw new IllegalArgumentException("queryTimeout must be 1 ms.." + UdpSocketPool.LINGER.toSeconds()
                        + " s (a rotated socket lingers that long for its last answers), was " + timeout);
            }
            return with(d -> d.queryTimeout = timeout);
        }

        /**
         * No query timeout: a query whose answer never comes waits until it is cancelled. Only for callers that
         * bound every resolution themselves (e.g. {@code Resolvers.withAttemptTimeout}), to save the timer.
         */
        public Builder noQueryTimeout() {
            return with(d -> d.queryTimeout = Duration.ZERO);
        }

        /**
         * How often a query is sent again, under a new message ID and on a socket of the same pool, while no
         * answer came (0..8; default 3; 0 = never): first after the upstream's retransmission timeout, SRTT +
         * 4 x RTTVAR of its measured round trips as TCP computes it (RFC 6298), at least {@code floor}
         * (default 40 ms), and 1 s before the first answer; then after twice the previous wait each time, up
         * to 5 s. The earlier IDs keep waiting, so a late answer to the first send still ends the query. The
         * enclosing attempt timeout or deadline (or the query timeout) ends the retransmissions with the query.
         *
         * <p>Why these defaults: one lost datagram to a healthy upstream then costs about {@code floor} plus one
         * round trip instead of the whole attempt (2 s in a group); the floor stays above a young GC pause and a
         * scheduler time slice on a busy host, so that a slow answer is rarely taken for a lost one; three
         * retransmissions (at ~40, ~120 and ~280 ms for a fast upstream) ride out a burst of loss and then stop
         * adding load to an upstream that does not answer.
         */
        public Builder retransmissions(int count, Duration floor) {
            if (count < 0 || count > 8) {
                throw new IllegalArgumentException("retransmissions must be 0..8, was " + count);
            }
            Objects.requireNonNull(floor, "floor");
            if (floor.toMillis() < 1 || floor.compareTo(RetransmitTimeout.CEILING) > 0) {
                throw new IllegalArgumentException("the retransmission floor must be 1 ms.."
                        + RetransmitTimeout.CEILING.toSeconds() + " s, was " + floor);
            }
            return with(d -> {
                d.retransmissions = count;
                d.retransmitFloor = floor;
            });
        }

        /** No retransmission: each query is sent once and waits for its answer, its timeout or its cancel. */
        public Builder noRetransmissions() {
            return with(d -> d.retransmissions = 0);
        }

        /** Retry truncated answers over {@code tcp} instead of a TCP client built for the same address. */
        public Builder tcpFallback(Resolver tcp) {
            Objects.requireNonNull(tcp, "tcp");
            return with(d -> {
                d.tcpFallback = true;
                d.tcpResolver = tcp;
            });
        }

        /** No TCP retry: a truncated answer is returned as it came (TC=1). */
        public Builder noTcpFallback() {
            return with(d -> {
                d.tcpFallback = false;
                d.tcpResolver = null;
            });
        }

        /** Options for the TCP client this client builds (and owns) for TC=1 retries, e.g. {@code b -> b.maxConnections(4)}. */
        public Builder tcpFallbackOptions(UnaryOperator<TcpDnsClient.Builder> options) {
            Objects.requireNonNull(options, "options");
            return with(d -> d.tcpOptions = options);
        }

        /** The scheduler whose clock measures {@link io.hostdns.core.Answer#elapsed()}; default parallel(). */
        public Builder clock(Scheduler scheduler) {
            Objects.requireNonNull(scheduler, "clock");
            return with(d -> d.clock = scheduler);
        }

        /** A new client; it opens no socket until its first query. */
        public UdpDnsClient build() {
            UdpClientSettings s = settings;
            Stats stats = new Stats();
            UdpSocketPool pool = new UdpSocketPool(s.resources(), s.upstream(), s.remote(), s.sockets(), s.connected(),
                    s.receiveBufferSize(), s.maxPayload(), s.queriesPerSocket(), QueryIds.create(), stats);
            Resolver tcp = s.tcpResolver();
            TcpDnsClient owned = null;
            if (s.tcpFallback() && tcp == null) {
                UpstreamId tcpId = new UpstreamId(s.upstream().index(), Protocol.TCP, s.upstream().address());
                TcpDnsClient.Builder tcpBuilder = TcpDnsClient.builder(s.resources(), tcpId, s.remote()).clock(s.clock());
                tcpBuilder = s.queryTimeout().isZero() ? tcpBuilder.noQueryTimeout()
                        : tcpBuilder.queryTimeout(s.queryTimeout());
                owned = s.tcpOptions().apply(tcpBuilder).build();
                tcp = owned;
            }
            RetransmitTimeout rto = new RetransmitTimeout(s.retransmitFloor(), INITIAL_RETRANSMIT_TIMEOUT);
            return new UdpDnsClient(s.upstream(), pool, stats, s.maxPayload(), s.tcpFallback() ? tcp : null, owned,
                    s.clock(), rto, s.retransmissions(), s.queryTimeout());
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
        final LongAdder retransmitted = new LongAdder();
        final LongAdder socketsRotated = new LongAdder();

        Stats() {
        }

        /** Datagrams written to a socket: each query once, plus its retransmissions. */
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

        /** Queries sent again under a new ID because no answer came within the retransmission timeout. */
        public long retransmitted() {
            return retransmitted.sum();
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
                    + ", malformed=" + droppedMalformed() + ", retransmitted=" + retransmitted() + ", tcRetries="
                    + truncatedRetries() + ", rotated=" + socketsRotated() + "]";
        }
    }
}
