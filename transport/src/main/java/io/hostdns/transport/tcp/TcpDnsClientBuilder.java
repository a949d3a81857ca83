package io.hostdns.transport.tcp;

import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An immutable builder of {@link TcpDnsClient}s: every setter returns a new builder, so one can be
 * shared as a template. Defaults: at most 2 connections, a new one opened once 32 queries are in flight
 * on each, idle timeout 10 s (DESIGN.md), connect timeout 2 s, query timeout 10 s, plain TCP.
 */
public final class TcpDnsClientBuilder {

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

    TcpDnsClientBuilder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        this(Objects.requireNonNull(resources, "resources"), Objects.requireNonNull(upstream, "upstream"),
                requireResolved(remote), TcpChannelLayer.PLAIN, 2, 32, Duration.ofSeconds(10), Duration.ofSeconds(2),
                DEFAULT_QUERY_TIMEOUT, Schedulers.parallel());
    }

    private TcpDnsClientBuilder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote,
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

    /** What sits between socket and framing, e.g. TLS for DoT; default {@link TcpChannelLayer#PLAIN}. */
    public TcpDnsClientBuilder layer(TcpChannelLayer newLayer) {
        return new TcpDnsClientBuilder(resources, upstream, remote, Objects.requireNonNull(newLayer, "layer"),
                maxConnections, pipelineThreshold, idleTimeout, connectTimeout, queryTimeout, clock);
    }

    /** The most connections kept to the upstream, 1..16. */
    public TcpDnsClientBuilder maxConnections(int max) {
        if (max < 1 || max > 16) {
            throw new IllegalArgumentException("maxConnections must be 1..16, was " + max);
        }
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, max, pipelineThreshold, idleTimeout,
                connectTimeout, queryTimeout, clock);
    }

    /** Queries in flight on every open connection before another connection is opened, >= 1. */
    public TcpDnsClientBuilder pipelineThreshold(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("pipelineThreshold must be >= 1, was " + threshold);
        }
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, threshold, idleTimeout,
                connectTimeout, queryTimeout, clock);
    }

    /** How long a connection with nothing in flight stays open, > 0. */
    public TcpDnsClientBuilder idleTimeout(Duration timeout) {
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                positive(timeout, "idleTimeout"), connectTimeout, queryTimeout, clock);
    }

    /** How long a connection attempt may take before it fails with a network error, > 0. */
    public TcpDnsClientBuilder connectTimeout(Duration timeout) {
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                idleTimeout, positive(timeout, "connectTimeout"), queryTimeout, clock);
    }

    /**
     * How long a query waits for its answer once sent before it fails with a
     * {@link io.hostdns.core.DnsTimeoutException} naming the upstream, >= 1 ms; default 10 s, as for UDP: a
     * backstop above the 2 s attempt and 4.5 s overall defaults of groups and the forwarder. The
     * timer is one task on the connection's event loop, cancelled with the query; the connection stays open.
     */
    public TcpDnsClientBuilder queryTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "queryTimeout").toMillis() < 1) {
            throw new IllegalArgumentException("queryTimeout must be >= 1 ms, was " + timeout);
        }
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                idleTimeout, connectTimeout, timeout, clock);
    }

    /**
     * No query timeout: a query whose answer never comes waits until it is cancelled or its connection
     * closes. Only for callers that bound every resolution themselves, to save the timer.
     */
    public TcpDnsClientBuilder noQueryTimeout() {
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
                idleTimeout, connectTimeout, Duration.ZERO, clock);
    }

    /** The scheduler whose clock measures {@link io.hostdns.core.Answer#elapsed()}; default parallel(). */
    public TcpDnsClientBuilder clock(Scheduler scheduler) {
        return new TcpDnsClientBuilder(resources, upstream, remote, layer, maxConnections, pipelineThreshold,
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
