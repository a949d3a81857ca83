package io.hostdns.transport.tcp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.DotTlsLayer;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.QueryIds;
import io.hostdns.transport.internal.TcpChannelLayer;
import io.hostdns.transport.internal.TransportErrors;
import io.hostdns.transport.tls.TlsTrust;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link Resolver} that asks one upstream over TCP (RFC 7766), or over TLS when built with a TLS
 * {@link TcpChannelLayer}: 2-byte length framing, a small pool of reused connections, several queries
 * pipelined per connection and matched by ID (replies may come in any order), idle connections closed
 * after {@code idleTimeout}.
 *
 * <p>Failures are immediate and typed, naming the upstream: a refused connection or one that dies with
 * queries in flight → {@link DnsNetworkException}; no route → {@link io.hostdns.core.DnsUnreachableException}.
 * A query not answered within the {@linkplain Builder#queryTimeout query timeout} (default 10 s)
 * fails with a {@link io.hostdns.core.DnsTimeoutException}, so a resolution always ends; combinators put their
 * own, shorter attempt timeouts around it. Cancelling a query frees its slot and timer on the connection at
 * once. Built by {@link #builder}; {@link #dispose()} closes its connections.
 */
public final class TcpDnsClient implements Resolver, Disposable {

    private final UpstreamId upstream;
    private final TcpConnectionPool pool;
    private final Stats stats;
    private final Scheduler clock;
    private final AtomicBoolean disposed = new AtomicBoolean();

    TcpDnsClient(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, TcpChannelLayer layer,
                 int maxConnections, int pipelineThreshold, Duration idleTimeout, Duration connectTimeout,
                 Duration queryTimeout, Scheduler clock) {
        this.upstream = upstream;
        this.stats = new Stats();
        this.clock = clock;
        this.pool = new TcpConnectionPool(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                idleTimeout, connectTimeout, queryTimeout, QueryIds.create(), stats);
    }

    /** A builder for a client of {@code upstream} at {@code remote}, on {@code resources}' event loops. */
    public static Builder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        return new Builder(resources, upstream, remote);
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
    public Stats stats() {
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

    /**
     * An immutable builder of {@link TcpDnsClient}s: every setter returns a new builder, so one can be
     * shared as a template. Defaults: at most 2 connections, a new one opened once 32 queries are in flight
     * on each, idle timeout 10 s (DESIGN.md), connect timeout 2 s, query timeout 10 s, plain TCP.
     */
    public static final class Builder {

        private static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

        private final DnsResources resources;
        private final UpstreamId upstream;
        private final InetSocketAddress remote;
        private final TcpChannelLayer layer;
        private final int maxConnections;
        private final int pipelineThreshold;
        private final Duration idleTimeout;
        private final Duration connectTimeout;
        private final Duration queryTimeout;
        private final Scheduler clock;

        Builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
            this(Objects.requireNonNull(resources, "resources"), Objects.requireNonNull(upstream, "upstream"),
                    requireResolved(remote), TcpChannelLayer.PLAIN, 2, 32, Duration.ofSeconds(10), Duration.ofSeconds(2),
                    DEFAULT_QUERY_TIMEOUT, Schedulers.parallel());
        }

        private Builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote,
                                    TcpChannelLayer layer, int maxConnections, int pipelineThreshold,
                                    Duration idleTimeout, Duration connectTimeout, Duration queryTimeout,
                                    Scheduler clock) {
            this.resources = resources;
            this.upstream = upstream;
            this.remote = remote;
            this.layer = layer;
            this.maxConnections = maxConnections;
            this.pipelineThreshold = pipelineThreshold;
            this.idleTimeout = idleTimeout;
            this.connectTimeout = connectTimeout;
            this.queryTimeout = queryTimeout;
            this.clock = clock;
        }

        private static InetSocketAddress requireResolved(InetSocketAddress remote) {
            if (Objects.requireNonNull(remote, "remote").isUnresolved()) {
                throw new IllegalArgumentException("the upstream address must be an IP address, was " + remote);
            }
            return remote;
        }

        /**
         * DNS over TLS (RFC 7858, RFC 8310 strict profile) on every connection: TLS 1.3 or 1.2, the server
         * accepted only when its certificate chains to {@code trust} and is issued for {@code serverName} (sent as
         * SNI), or, when {@code serverName} is null, for the upstream's IP address. Everything else the client
         * does (reuse, pipelining, idle close, typed failures) holds over TLS; a failed handshake fails the
         * queries waiting on it with a {@link io.hostdns.core.DnsNetworkException} naming the TLS error. The
         * upstream's id must have protocol {@link Protocol#TLS}. Builds the TLS context now, which reads the trust
         * store: call it while setting up, not on an event loop.
         */
        public Builder tls(@Nullable String serverName, TlsTrust trust) {
            if (upstream.protocol() != Protocol.TLS) {
                throw new IllegalArgumentException("a DoT upstream's id must have protocol TLS, was " + upstream);
            }
            return new Builder(resources, upstream, remote, DotTlsLayer.create(serverName, trust),
                    maxConnections, pipelineThreshold, idleTimeout, connectTimeout, queryTimeout, clock);
        }

        /**
         * How long a TLS handshake may take (default 5 s): a server that accepts the connection but never
         * completes TLS then fails the queries waiting on it. Needs {@link #tls} first.
         */
        public Builder tlsHandshakeTimeout(Duration timeout) {
            if (!(layer instanceof DotTlsLayer dot)) {
                throw new IllegalStateException("tlsHandshakeTimeout applies to DNS over TLS: call tls(...) first");
            }
            return new Builder(resources, upstream, remote, dot.withHandshakeTimeout(timeout),
                    maxConnections, pipelineThreshold, idleTimeout, connectTimeout, queryTimeout, clock);
        }

        /** The most connections kept to the upstream, 1..16. */
        public Builder maxConnections(int max) {
            if (max < 1 || max > 16) {
                throw new IllegalArgumentException("maxConnections must be 1..16, was " + max);
            }
            return new Builder(resources, upstream, remote, layer, max, pipelineThreshold, idleTimeout,
                    connectTimeout, queryTimeout, clock);
        }

        /** Queries in flight on every open connection before another connection is opened, >= 1. */
        public Builder pipelineThreshold(int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("pipelineThreshold must be >= 1, was " + threshold);
            }
            return new Builder(resources, upstream, remote, layer, maxConnections, threshold, idleTimeout,
                    connectTimeout, queryTimeout, clock);
        }

        /** How long a connection with nothing in flight stays open, > 0. */
        public Builder idleTimeout(Duration timeout) {
            return new Builder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                    positive(timeout, "idleTimeout"), connectTimeout, queryTimeout, clock);
        }

        /** How long a connection attempt may take before it fails with a network error, > 0. */
        public Builder connectTimeout(Duration timeout) {
            return new Builder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                    idleTimeout, positive(timeout, "connectTimeout"), queryTimeout, clock);
        }

        /**
         * How long a query waits for its answer once sent before it fails with a
         * {@link io.hostdns.core.DnsTimeoutException} naming the upstream, >= 1 ms; default 10 s, as for UDP: a
         * backstop above the 2 s attempt and 4.5 s overall defaults of groups and the forwarder. The
         * timer is one task on the connection's event loop, cancelled with the query; the connection stays open.
         */
        public Builder queryTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "queryTimeout").toMillis() < 1) {
                throw new IllegalArgumentException("queryTimeout must be >= 1 ms, was " + timeout);
            }
            return new Builder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                    idleTimeout, connectTimeout, timeout, clock);
        }

        /**
         * No query timeout: a query whose answer never comes waits until it is cancelled or its connection
         * closes. Only for callers that bound every resolution themselves, to save the timer.
         */
        public Builder noQueryTimeout() {
            return new Builder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                    idleTimeout, connectTimeout, Duration.ZERO, clock);
        }

        /** The scheduler whose clock measures {@link io.hostdns.core.Answer#elapsed()}; default parallel(). */
        public Builder clock(Scheduler scheduler) {
            return new Builder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                    idleTimeout, connectTimeout, queryTimeout, Objects.requireNonNull(scheduler, "clock"));
        }

        /** A new client; it opens no connection until its first query. */
        public TcpDnsClient build() {
            return new TcpDnsClient(resources, upstream, remote, layer, maxConnections, pipelineThreshold, idleTimeout,
                    connectTimeout, queryTimeout, clock);
        }

        static Duration positive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0, was " + d);
            }
            return d;
        }
    }

    /** Counters of one {@link TcpDnsClient}: connections opened and responses dropped, by reason. */
    public static final class Stats {

        final LongAdder connectionsOpened = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder droppedUnknownId = new LongAdder();
        final LongAdder droppedWrongQuestion = new LongAdder();
        final LongAdder droppedMalformed = new LongAdder();

        Stats() {
        }

        /** Connections this client opened (successfully or not). */
        public long connectionsOpened() {
            return connectionsOpened.sum();
        }

        /** Queries written to a connection. */
        public long sent() {
            return sent.sum();
        }

        /** Responses that completed a pending query. */
        public long accepted() {
            return accepted.sum();
        }

        /** Responses whose ID matches no query in flight on that connection. */
        public long droppedUnknownId() {
            return droppedUnknownId.sum();
        }

        /** Responses with a pending ID but another question. */
        public long droppedWrongQuestion() {
            return droppedWrongQuestion.sum();
        }

        /** Frames that are not a DNS response. */
        public long droppedMalformed() {
            return droppedMalformed.sum();
        }

        @Override
        public String toString() {
            return "Stats[connections=" + connectionsOpened() + ", sent=" + sent() + ", accepted=" + accepted()
                    + ", unknownId=" + droppedUnknownId() + ", wrongQuestion=" + droppedWrongQuestion()
                    + ", malformed=" + droppedMalformed() + "]";
        }
    }
}
