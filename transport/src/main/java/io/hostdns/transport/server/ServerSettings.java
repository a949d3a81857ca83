package io.hostdns.transport.server;

import io.hostdns.core.Resolver;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.event.Level;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.Transport;

/**
 * The settings of a {@link DnsServer}. {@link DnsServer} copies them on every builder call and never
 * changes a copy it has handed out, so a started server's settings are fixed.
 */
final class ServerSettings implements Cloneable {

    /**
     * The largest request a UDP read takes whole, batched or not (Netty's default datagram buffer, which the
     * one-by-one reads keep); a longer one is cut there and answered FORMERR.
     */
    static final int UDP_REQUEST_LIMIT = 2048;
    /** The default of {@link #udpReadBatch}. */
    static final int DEFAULT_UDP_READ_BATCH = 8;

    @Nullable Resolver resolver;
    List<InetSocketAddress> listen = List.of();
    @Nullable EventLoopGroup eventLoops;
    @Nullable LoopResources loopResources;
    /** Set by {@code runOn(DnsResources)}: whether those loops are epoll (their group hides it behind a wrapper). */
    boolean eventLoopsNative;
    ClientAcl acl = ClientAcl.loopback();
    @Nullable ClientRateLimit rateLimit;
    /** Counters given to share (several servers, kept across restarts); null: each start makes its own. */
    RunningDnsServer.@Nullable Counters counters;
    Duration queryTimeout = Duration.ofSeconds(5);
    @Nullable Level queryLogLevel = Level.DEBUG;
    Duration tcpIdleTimeout = Duration.ofSeconds(10);
    Duration tcpReadTimeout = Duration.ofSeconds(3);
    int maxTcpConnections = 256;
    int maxTcpQueriesPerConnection = 32;
    int maxUdpQueriesInFlight = 4096;
    int maxUdpPayload = 4096;
    int udpReceiveBufferSize = 4 << 20;
    int udpSocketsPerAddress = 1;
    /** Datagrams read per system call on epoll (recvmmsg); 1 reads them one by one (recvmsg). */
    int udpReadBatch = DEFAULT_UDP_READ_BATCH;
    Duration rebuildMinBackoff = Duration.ofMillis(100);
    Duration rebuildMaxBackoff = Duration.ofSeconds(10);
    Scheduler timer = Schedulers.parallel();
    boolean failIfNoneBinds = true;

    ServerSettings copy() {
        try {
            return (ServerSettings) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code transport} set to run on the configured event loops, or on {@code fallback}. */
    <T extends Transport<T, ?>> T runOn(T transport, @Nullable LoopResources fallback) {
        if (eventLoops != null) {
            return transport.runOn(eventLoops);
        }
        LoopResources loops = loopResources != null ? loopResources : fallback;
        return transport.runOn(java.util.Objects.requireNonNull(loops, "no event loops configured"));
    }

    /**
     * {@code transport} set to run on one event loop of the configured ones (or of {@code fallback}): the
     * {@code index}-th, round the ring, so that the UDP sockets of one address read on different loops. (The
     * groups Reactor Netty hands out are colocated: a bind chained on an event loop would land on that same
     * loop every time.) The whole group when it has no loops to pick from.
     */
    <T extends Transport<T, ?>> T runOnLoop(T transport, @Nullable LoopResources fallback, int index) {
        EventLoopGroup group = eventLoops;
        if (group == null) {
            LoopResources loops = loopResources != null ? loopResources : fallback;
            group = java.util.Objects.requireNonNull(loops, "no event loops configured").onServer(nativeTransport());
        }
        List<EventLoop> members = new ArrayList<>();
        for (EventExecutor executor : group) {
            if (executor instanceof EventLoop loop) {
                members.add(loop);
            }
        }
        return members.isEmpty() ? runOn(transport, fallback) : transport.runOn(members.get(index % members.size()));
    }

    /** Whether the channels will be native epoll ones (SO_REUSEPORT needs them). */
    boolean nativeTransport() {
        if (eventLoops != null) {
            return eventLoopsNative
                    || eventLoops instanceof IoEventLoopGroup group && group.isIoType(EpollIoHandler.class);
        }
        return LoopResources.DEFAULT_NATIVE && Epoll.isAvailable();
    }

    /** The wait before rebuild attempt {@code failures} (0-based): doubling from the minimum up to the maximum. */
    Duration backoff(int failures) {
        long min = rebuildMinBackoff.toMillis();
        long delay = min << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(delay, rebuildMaxBackoff.toMillis()));
    }
}
