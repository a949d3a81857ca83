package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * The TCP socket of one listen address: a Reactor Netty {@link TcpServer} whose connections each get a
 * {@link TcpConnectionHandler}. Clients outside the ACL and connections past the cap are closed at once.
 * Shutdown closes the server socket first (no new connections), stops reading on every connection, waits
 * for their queries in flight within the grace period, then closes them.
 */
final class TcpListener extends SupervisedListener {

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final QueryProcessor processor;
    private final RunningDnsServer.Counters counters;
    private final @Nullable LoopResources fallbackLoops;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<TcpConnectionHandler> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private volatile @Nullable DisposableServer server;
    private volatile boolean draining;

    TcpListener(ServerSettings settings, InetSocketAddress address, QueryProcessor processor, RunningDnsServer.Counters counters,
                @Nullable LoopResources fallbackLoops, ListenerEvents events) {
        super(settings, Protocol.TCP, address, events);
        this.processor = processor;
        this.counters = counters;
        this.fallbackLoops = fallbackLoops;
    }

    @Override
    protected Mono<Channel> bind(InetSocketAddress address) {
        TcpServer tcp = settings.runOn(TcpServer.create(), fallbackLoops)
                .bindAddress(() -> address)
                .doOnConnection(this::accept);
        return tcp.bind().map(bound -> {
            server = bound;
            return bound.channel();
        });
    }

    private void accept(Connection connection) {
        Channel channel = connection.channel();
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        if (!settings.acl.allows(remote.getAddress())) {
            counters.refusedByAcl.increment();
            log.debug("tcp connection from {} refused by ACL", remote);
            channel.close();
            return;
        }
        if (draining || open.incrementAndGet() > settings.maxTcpConnections) {
            if (!draining) {
                open.decrementAndGet();
                counters.tcpConnectionsRejected.increment();
                log.debug("tcp connection from {} closed: {} connections open", remote, settings.maxTcpConnections);
            }
            channel.close();
            return;
        }
        TcpConnectionHandler handler = new TcpConnectionHandler(processor, settings.maxTcpQueriesPerConnection,
                settings.tcpIdleTimeout, settings.tcpReadTimeout);
        connections.add(connection);
        handlers.add(handler);
        channel.closeFuture().addListener(f -> {
            open.decrementAndGet();
            connections.remove(connection);
            handlers.remove(handler);
        });
        connection.addHandlerLast("hostdns.tcp", handler);
    }

    /** TCP connections open now. */
    int openConnections() {
        return open.get();
    }

    @Override
    protected Mono<Void> drainAndClose(Duration grace) {
        draining = true;
        DisposableServer bound = server;
        Mono<Void> stopAccepting = bound == null ? Mono.empty() : Mono.defer(() -> {
            bound.dispose();
            return bound.onDispose();
        });
        return stopAccepting.then(Mono.defer(() -> {
            List<Mono<Void>> drains = new ArrayList<>();
            for (TcpConnectionHandler handler : handlers) {
                handler.stopReading();
                drains.add(handler.inFlight().drained());
            }
            return Mono.when(drains).timeout(grace, Mono.empty());
        })).then(Mono.defer(() -> {
            List<Mono<Void>> closes = new ArrayList<>();
            for (Connection connection : connections) {
                connection.dispose();
                closes.add(connection.onDispose());
            }
            return Mono.when(closes);
        }));
    }
}
