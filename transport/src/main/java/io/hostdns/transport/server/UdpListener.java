package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.udp.UdpServer;

/**
 * The UDP socket of one listen address: a Reactor Netty {@link UdpServer} whose datagrams go to an
 * {@link UdpQueryHandler}. Queries in flight are counted for the whole socket; past the cap it stops
 * reading until one completes (the kernel buffer then absorbs or drops the excess, as UDP does). With
 * {@code reusePort} (epoll only) several of these share one port.
 */
final class UdpListener extends SupervisedListener {

    private final QueryProcessor processor;
    private final @Nullable LoopResources fallbackLoops;
    private final InFlight inFlight = new InFlight();
    private final boolean reusePort;
    /** Which of the address's sockets this is: with SO_REUSEPORT each one reads on its own event loop. */
    private final int index;
    private volatile @Nullable Connection connection;

    UdpListener(ServerSettings settings, InetSocketAddress address, QueryProcessor processor, @Nullable LoopResources fallbackLoops, ListenerEvents events, boolean reusePort, int index) {
        super(settings, Protocol.UDP, address, events);
        this.reusePort = reusePort;
        this.index = index;
        this.processor = processor;
        this.fallbackLoops = fallbackLoops;
    }

    @Override
    protected Mono<Channel> bind(InetSocketAddress address) {
        UdpServer server = (reusePort ? settings.runOnLoop(UdpServer.create(), fallbackLoops, index)
                : settings.runOn(UdpServer.create(), fallbackLoops))
                .bindAddress(() -> address)
                // bursts arrive faster than one event loop drains them; the kernel caps it at net.core.rmem_max
                .option(ChannelOption.SO_RCVBUF, settings.udpReceiveBufferSize)
                .doOnBound(conn -> conn.addHandlerLast("hostdns.udp",
                        new UdpQueryHandler(processor, settings.acl, inFlight, settings.maxUdpQueriesInFlight)));
        if (reusePort) {
            // several sockets on one port, each read by its own event loop; the kernel spreads clients over them
            server = server.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        if (settings.udpReadBatch > 1 && settings.nativeTransport()) {
            // recvmmsg: up to udpReadBatch requests per system call, each a slice of one buffer; at a steady
            // 20k queries/s this was 6 % less CPU per answer than recvmsg (benchmarks/README, issue 13); more
            // reads a wake-up only while they come back full (BatchReadAllocator)
            server = server.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, ServerSettings.UDP_REQUEST_LIMIT)
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new BatchReadAllocator(ServerSettings.UDP_REQUEST_LIMIT, settings.udpReadBatch));
        } else {
            server = server.option(ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(ServerSettings.UDP_REQUEST_LIMIT));
        }
        return server.bind().map(conn -> {
            connection = conn;
            return conn.channel();
        });
    }

    @Override
    protected Mono<Void> drainAndClose(Duration grace) {
        Connection conn = connection;
        if (conn != null) {
            conn.channel().config().setAutoRead(false);
        }
        return inFlight.drained()
                .timeout(grace, Mono.empty())
                .then(Mono.fromRunnable(inFlight::cancelAll))
                .then(conn == null ? Mono.empty() : Mono.defer(() -> {
                    conn.dispose();
                    return conn.onDispose();
                }));
    }
}
