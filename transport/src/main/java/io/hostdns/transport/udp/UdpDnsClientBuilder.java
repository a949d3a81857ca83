package io.hostdns.transport.udp;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.QueryIds;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.tcp.TcpDnsClientBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An immutable builder of {@link UdpDnsClient}s: every setter returns a new builder.
 *
 * <p>Defaults: 8 sockets, 4 MiB receive buffer requested per socket, 4096-byte largest UDP response,
 * connected sockets, a 10 s query timeout, and TC=1 retried over a TCP client to the same address that the
 * UDP client builds and owns.
 */
public final class UdpDnsClientBuilder {

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
    private final UnaryOperator<TcpDnsClientBuilder> tcpOptions;
    private final Scheduler clock;

    UdpDnsClientBuilder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        this(Objects.requireNonNull(resources, "resources"), Objects.requireNonNull(upstream, "upstream"),
                requireResolved(remote), 8, 4 << 20, 4096, true, 1024, DEFAULT_QUERY_TIMEOUT, true, null, b -> b,
                Schedulers.parallel());
    }

    private UdpDnsClientBuilder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, int sockets,
                                int receiveBufferSize, int maxPayload, boolean connected, int queriesPerSocket,
                                Duration queryTimeout, boolean tcpFallback,
                                @Nullable Resolver tcpResolver, UnaryOperator<TcpDnsClientBuilder> tcpOptions,
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
    public UdpDnsClientBuilder sockets(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("sockets must be 1..64, was " + count);
        }
        return new UdpDnsClientBuilder(resources, upstream, remote, count, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /** SO_RCVBUF requested per socket; the kernel may grant less (net.core.rmem_max), which is logged. */
    public UdpDnsClientBuilder receiveBufferSize(int bytes) {
        if (bytes < 4096) {
            throw new IllegalArgumentException("receiveBufferSize must be >= 4096, was " + bytes);
        }
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, bytes, maxPayload, connected,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /** The largest UDP response accepted, 512..65535; larger EDNS sizes in queries are capped to it. */
    public UdpDnsClientBuilder maxPayload(int bytes) {
        if (bytes < 512 || bytes > 65535) {
            throw new IllegalArgumentException("maxPayload must be 512..65535, was " + bytes);
        }
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, bytes, connected,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /**
     * Whether sockets are connected to the upstream (default true): the kernel then filters other sources
     * and reports ICMP port unreachable, so a dead port fails at once. Unconnected sockets see every
     * datagram and check the source themselves.
     */
    public UdpDnsClientBuilder connectedSockets(boolean connect) {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connect,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /**
     * Queries a socket carries before it is replaced by one on a new random port (default 1024): at 40k q/s
     * over 8 sockets that is ~40 binds a second, negligible, while no port stays in use long enough to be
     * learnt and attacked with forged answers.
     */
    public UdpDnsClientBuilder queriesPerSocket(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("queriesPerSocket must be >= 1, was " + count);
        }
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
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
    public UdpDnsClientBuilder queryTimeout(Duration timeout) {
        if (timeout.toMillis() < 1 || timeout.compareTo(UdpSocketPool.LINGER) > 0) {
            throw new IllegalArgumentException("queryTimeout must be 1 ms.." + UdpSocketPool.LINGER.toSeconds()
                    + " s (a rotated socket lingers that long for its last answers), was " + timeout);
        }
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, timeout, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /**
     * No query timeout: a query whose answer never comes waits until it is cancelled. Only for callers that
     * bound every resolution themselves (e.g. {@code Resolvers.withAttemptTimeout}), to save the timer.
     */
    public UdpDnsClientBuilder noQueryTimeout() {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, Duration.ZERO, tcpFallback, tcpResolver, tcpOptions, clock);
    }

    /** Retry truncated answers over {@code tcp} instead of a TCP client built for the same address. */
    public UdpDnsClientBuilder tcpFallback(Resolver tcp) {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, queryTimeout, true, Objects.requireNonNull(tcp, "tcp"), tcpOptions, clock);
    }

    /** No TCP retry: a truncated answer is returned as it came (TC=1). */
    public UdpDnsClientBuilder noTcpFallback() {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, queryTimeout, false, null, tcpOptions, clock);
    }

    /** Options for the TCP client this client builds (and owns) for TC=1 retries, e.g. {@code b -> b.maxConnections(4)}. */
    public UdpDnsClientBuilder tcpFallbackOptions(UnaryOperator<TcpDnsClientBuilder> options) {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, Objects.requireNonNull(options, "options"),
                clock);
    }

    /** The scheduler whose clock measures {@link io.hostdns.core.Answer#elapsed()}; default parallel(). */
    public UdpDnsClientBuilder clock(Scheduler scheduler) {
        return new UdpDnsClientBuilder(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                queriesPerSocket, queryTimeout, tcpFallback, tcpResolver, tcpOptions,
                Objects.requireNonNull(scheduler, "clock"));
    }

    /** A new client; it opens no socket until its first query. */
    public UdpDnsClient build() {
        UdpStats stats = new UdpStats();
        UdpSocketPool pool = new UdpSocketPool(resources, upstream, remote, sockets, connected, receiveBufferSize,
                maxPayload, queriesPerSocket, queryTimeout, QueryIds.create(), stats);
        Resolver tcp = tcpResolver;
        TcpDnsClient owned = null;
        if (tcpFallback && tcp == null) {
            UpstreamId tcpId = new UpstreamId(upstream.index(), Protocol.TCP, upstream.address());
            TcpDnsClientBuilder tcpBuilder = TcpDnsClient.builder(resources, tcpId, remote).clock(clock);
            tcpBuilder = queryTimeout.isZero() ? tcpBuilder.noQueryTimeout() : tcpBuilder.queryTimeout(queryTimeout);
            owned = tcpOptions.apply(tcpBuilder).build();
            tcp = owned;
        }
        return new UdpDnsClient(upstream, pool, stats, maxPayload, tcpFallback ? tcp : null, owned, clock);
    }
}
