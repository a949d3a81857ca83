package io.hostdns.transport.tcp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.PendingQueries;
import io.hostdns.transport.QueryIds;
import io.hostdns.transport.TransportErrors;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link Resolver} that asks one upstream over TCP (RFC 7766), or over TLS when built with a TLS
 * {@link TcpChannelLayer}: 2-byte length framing, a small pool of reused connections, several queries
 * pipelined per connection and matched by ID (replies may come in any order), idle connections closed
 * after {@code idleTimeout}.
 *
 * <p>Failures are immediate and typed, naming the upstream: a refused connection or one that dies with
 * queries in flight → {@link DnsNetworkException}; no route → {@link io.hostdns.core.DnsUnreachableException}.
 * A query not answered within the {@linkplain TcpDnsClientBuilder#queryTimeout query timeout} (default 10 s)
 * fails with a {@link io.hostdns.core.DnsTimeoutException}, so a resolution always ends; combinators put their
 * own, shorter attempt timeouts around it. Cancelling a query frees its slot and timer on the connection at
 * once. Built by {@link #builder}; {@link #dispose()} closes its connections.
 */
public final class TcpDnsClient implements Resolver, Disposable {

    private final UpstreamId upstream;
    private final TcpConnectionPool pool;
    private final TcpStats stats;
    private final Scheduler clock;
    private final AtomicBoolean disposed = new AtomicBoolean();

    TcpDnsClient(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, TcpChannelLayer layer,
                 int maxConnections, int pipelineThreshold, Duration idleTimeout, Duration connectTimeout,
                 Duration queryTimeout, Scheduler clock) {
        this.upstream = upstream;
        this.stats = new TcpStats();
        this.clock = clock;
        this.pool = new TcpConnectionPool(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                idleTimeout, connectTimeout, queryTimeout, QueryIds.create(), stats);
    }

    /** A builder for a client of {@code upstream} at {@code remote}, on {@code resources}' event loops. */
    public static TcpDnsClientBuilder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        return new TcpDnsClientBuilder(resources, upstream, remote);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.<Answer>create(sink -> {
            if (disposed.get()) {
                sink.error(new DnsNetworkException(upstream, "client is disposed", null));
                return;
            }
            TcpConnection connection;
            try {
                connection = pool.acquire();
            } catch (RuntimeException e) {
                sink.error(TransportErrors.map(upstream, "TCP connect", e));
                return;
            }
            PendingQueries.Entry entry = connection.pending().register(query, sink);
            if (entry == null) {
                sink.error(new DnsNetworkException(upstream, "no free message ID on the connection", null));
                return;
            }
            connection.send(entry, query.toWire(entry.id()));
        }).elapsed(clock).map(t -> t.getT2().withElapsed(Duration.ofMillis(t.getT1())));
    }

    /** The upstream this client asks. */
    public UpstreamId upstream() {
        return upstream;
    }

    /** Counters of this client. */
    public TcpStats stats() {
        return stats;
    }

    /** Connections open or opening now. */
    public int openConnections() {
        return pool.openConnections();
    }

    /** Queries in flight now. */
    public int pendingCount() {
        return pool.pendingCount();
    }

    /** Closes every connection; queries in flight fail with {@link DnsNetworkException}, later ones too. */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            pool.closeAll();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        return "TcpDnsClient[" + upstream + "]";
    }
}
