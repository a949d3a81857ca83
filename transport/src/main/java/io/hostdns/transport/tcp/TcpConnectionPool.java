package io.hostdns.transport.tcp;

import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.QueryIds;
import io.hostdns.transport.internal.TcpChannelLayer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The few connections a {@link TcpDnsClient} keeps to its upstream. A query goes to the open connection
 * with the fewest queries in flight; a new connection is opened only when every open one already has
 * {@code pipelineThreshold} in flight and fewer than {@code maxConnections} exist. Dead connections are
 * dropped when next looked at, so a reset is followed by a fresh connection (reconnect on demand).
 */
final class TcpConnectionPool {

    private final DnsResources resources;
    private final UpstreamId upstream;
    private final InetSocketAddress remote;
    private final TcpChannelLayer layer;
    private final int maxConnections;
    private final int pipelineThreshold;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final QueryIds ids;
    private final TcpDnsClient.Stats stats;
    private final List<TcpConnection> connections = new ArrayList<>(); // guarded by this

    TcpConnectionPool(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, TcpChannelLayer layer,
                      int maxConnections, int pipelineThreshold, Duration idleTimeout, Duration connectTimeout,
                      Duration queryTimeout, QueryIds ids, TcpDnsClient.Stats stats) {
        this.resources = resources;
        this.upstream = upstream;
        this.remote = remote;
        this.layer = layer;
        this.maxConnections = maxConnections;
        this.pipelineThreshold = pipelineThreshold;
        this.idleTimeout = idleTimeout;
        this.connectTimeout = connectTimeout;
        this.queryTimeout = queryTimeout;
        this.ids = ids;
        this.stats = stats;
    }

    /** The connection the next query should go to, opening one if the policy says so. */
    synchronized TcpConnection acquire() {
        connections.removeIf(c -> !c.isUsable());
        TcpConnection best = null;
        for (TcpConnection c : connections) {
            if (best == null || c.pending().size() < best.pending().size()) {
                best = c;
            }
        }
        if (best == null || (best.pending().size() >= pipelineThreshold && connections.size() < maxConnections)) {
            best = open();
            connections.add(best);
        }
        return best;
    }

    /** Connections open or opening now. */
    synchronized int openConnections() {
        connections.removeIf(c -> !c.isUsable());
        return connections.size();
    }

    /** Queries in flight over all connections. */
    synchronized int pendingCount() {
        int n = 0;
        for (TcpConnection c : connections) {
            n += c.pending().size();
        }
        return n;
    }

    /** Closes every connection; their queries in flight fail with a network error. */
    synchronized void closeAll() {
        for (TcpConnection c : connections) {
            c.channel().close();
        }
        connections.clear();
    }

    private TcpConnection open() {
        TcpConnection connection = new TcpConnection(upstream,
                new PendingQueries(ids, PendingQueries.FULL_CAPACITY, upstream, queryTimeout), stats);
        long idleMillis = idleTimeout.toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(resources.eventLoops())
                .channelFactory(() -> resources.newSocketChannel(remote.getAddress()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .disableResolver()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        layer.configure(ch, remote);
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS),
                                new LengthFieldBasedFrameDecoder(2 + 65535, 0, 2, 0, 2),
                                connection);
                    }
                });
        stats.connectionsOpened.increment();
        ChannelFuture future = bootstrap.connect(remote);
        resources.track(future.channel());
        connection.attach(future);
        return connection;
    }
}
