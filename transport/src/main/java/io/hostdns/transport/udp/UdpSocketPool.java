package io.hostdns.transport.udp;

import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.QueryIds;
import io.hostdns.transport.internal.ReceiveBuffers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed-size set of UDP sockets a {@link UdpDnsClient} spreads its queries over, each bound to an
 * ephemeral port the OS picks at random. Sockets are opened on first use and replaced when they fail
 * or close; each query goes to a randomly chosen one. After {@code queriesPerSocket} queries a socket is
 * replaced by a fresh one on a new random port (the old one closes once its queries are answered, never
 * before {@link #GRACE} and at the latest after {@link #LINGER}), so an attacker who learns a port gains
 * nothing lasting (RFC 5452 §9.2).
 */
final class UdpSocketPool {

    private static final Logger log = LoggerFactory.getLogger(UdpSocketPool.class);
    /** Longer than any per-query budget (DESIGN.md: 4.5 s), so a retired socket's answers still arrive. */
    static final Duration LINGER = Duration.ofSeconds(10);
    /** How long a replaced socket still accepts the queries of callers that picked it just before. */
    static final Duration GRACE = Duration.ofMillis(500);

    private final DnsResources resources;
    private final UpstreamId upstream;
    private final InetSocketAddress remote;
    private final boolean connected;
    private final int receiveBufferSize;
    private final int maxPayload;
    private final int queriesPerSocket;
    private final QueryIds ids;
    private final UdpDnsClient.Stats stats;
    private final AtomicReferenceArray<UdpSocket> sockets;
    private final Set<UdpSocket> retired = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean bufferLogged = new AtomicBoolean();

    UdpSocketPool(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, int size, boolean connected,
                  int receiveBufferSize, int maxPayload, int queriesPerSocket, QueryIds ids, UdpDnsClient.Stats stats) {
        this.resources = resources;
        this.upstream = upstream;
        this.remote = remote;
        this.connected = connected;
        this.receiveBufferSize = receiveBufferSize;
        this.maxPayload = maxPayload;
        this.queriesPerSocket = queriesPerSocket;
        this.ids = ids;
        this.stats = stats;
        this.sockets = new AtomicReferenceArray<>(size);
    }

    /** A random open socket of the pool, opening one in that slot when it is empty or dead. */
    UdpSocket pick() {
        int slot = ThreadLocalRandom.current().nextInt(sockets.length());
        UdpSocket current = sockets.get(slot);
        boolean alive = current != null && !current.isClosed();
        if (alive && current.use() <= queriesPerSocket) {
            return current;
        }
        UdpSocket fresh = open();
        fresh.use();
        if (sockets.compareAndSet(slot, current, fresh)) {
            if (alive) {
                stats.socketsRotated.increment();
                retired.add(current);
                current.channel().closeFuture().addListener(f -> retired.remove(current));
                current.retire(GRACE, LINGER);
            }
            return fresh;
        }
        fresh.channel().close(); // another thread replaced the slot first: use its socket
        UdpSocket winner = sockets.get(slot);
        return winner != null ? winner : fresh;
    }

    /** Queries in flight on all sockets. */
    int pendingCount() {
        int n = 0;
        for (int i = 0; i < sockets.length(); i++) {
            UdpSocket s = sockets.get(i);
            n += s == null ? 0 : s.pending().size();
        }
        return n;
    }

    /** Sockets still open after rotation, waiting for their last answers. */
    int retiredSockets() {
        return retired.size();
    }

    /** Sockets open now. */
    int openSockets() {
        int n = 0;
        for (int i = 0; i < sockets.length(); i++) {
            UdpSocket s = sockets.get(i);
            n += s != null && !s.isClosed() ? 1 : 0;
        }
        return n;
    }

    /** Closes every socket, retired ones too; their queries in flight fail with a network error. */
    void closeAll() {
        for (UdpSocket s : retired) {
            s.channel().close();
        }
        for (int i = 0; i < sockets.length(); i++) {
            UdpSocket s = sockets.getAndSet(i, null);
            if (s != null) {
                s.channel().close();
            }
        }
    }

    private UdpSocket open() {
        UdpSocket socket = new UdpSocket(upstream, remote, connected, stats,
                new PendingQueries(ids, PendingQueries.capacityFor(queriesPerSocket)));
        Bootstrap bootstrap = new Bootstrap()
                .group(resources.eventLoops())
                .channelFactory(() -> resources.newDatagramChannel(remote.getAddress()))
                .option(ChannelOption.SO_RCVBUF, receiveBufferSize)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPayload))
                .disableResolver()
                .handler(socket);
        InetSocketAddress local = new InetSocketAddress(wildcard(remote.getAddress()), 0);
        ChannelFuture future = connected ? bootstrap.connect(remote, local) : bootstrap.bind(local);
        socket.attach(future);
        resources.track(future.channel());
        future.addListener(f -> {
            if (f.isSuccess() && bufferLogged.compareAndSet(false, true)) {
                int actual = future.channel().config().getOption(ChannelOption.SO_RCVBUF);
                log.info(ReceiveBuffers.describe(upstream.toString(), receiveBufferSize, actual, ReceiveBuffers.linux()));
            }
        });
        return socket;
    }

    private static InetAddress wildcard(InetAddress family) {
        try {
            return InetAddress.getByAddress(new byte[family instanceof Inet6Address ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }
}
