package io.hostdns.transport.reliability;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.internal.guard.ConcurrencyLimitResolver;
import io.hostdns.core.internal.guard.SanitizingResolver;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.RunningDnsServer;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.SimpleResolver;

/**
 * The forwarder's path assembled by hand, as the forwarder module does it, with real sockets on every hop:
 * {@link DnsServer} → {@link CachingResolver} (serve-stale) → {@link ConcurrencyLimitResolver} →
 * {@link UpstreamGroup} (fallback in order, attempt timeout, deadline, health) → per upstream a
 * {@link SanitizingResolver} over a {@link UdpDnsClient} (TCP on TC=1). Everything runs on one
 * {@link DnsResources}; {@link #close()} releases it all.
 */
final class ForwardingPipeline implements AutoCloseable {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);
    static final Duration DEADLINE = Duration.ofMillis(1500);
    static final Duration SERVER_TIMEOUT = Duration.ofMillis(2500);

    final DnsResources resources;
    final List<UdpDnsClient> clients = new ArrayList<>();
    final UpstreamGroup group;
    final ConcurrencyLimitResolver limiter;
    final CachingResolver cache;
    final RunningDnsServer server;

    private ForwardingPipeline(List<InetSocketAddress> upstreams, int concurrencyLimit, CacheOptions cacheOptions,
                               UnaryOperator<DnsServer> serverConfig) {
        this(upstreams, concurrencyLimit, cacheOptions, serverConfig, ATTEMPT_TIMEOUT, DEADLINE, ProbeSettings.DEFAULTS,
                null);
    }

    private ForwardingPipeline(List<InetSocketAddress> upstreams, int concurrencyLimit, CacheOptions cacheOptions,
                               UnaryOperator<DnsServer> serverConfig, Duration attemptTimeout, Duration deadline,
                               ProbeSettings probes, @Nullable Ticker cacheTicker) {
        resources = DnsResources.create("pipeline", 2);
        List<Upstream> members = new ArrayList<>();
        for (int i = 0; i < upstreams.size(); i++) {
            UpstreamId id = new UpstreamId(i, Protocol.UDP, upstreams.get(i).toString());
            UdpDnsClient client = UdpDnsClient.builder(resources, id, upstreams.get(i)).sockets(2).build();
            clients.add(client);
            members.add(new Upstream(id, new SanitizingResolver(client)));
        }
        group = UpstreamGroup.builder().upstreams(members).attemptTimeout(attemptTimeout).deadline(deadline)
                .healthThresholds(HealthThresholds.DEFAULTS.withFailures(1, 3)).probes(probes).build();
        limiter = new ConcurrencyLimitResolver(group, concurrencyLimit);
        CachingResolver.Builder cacheBuilder = CachingResolver.builder(limiter).options(cacheOptions);
        cache = cacheTicker == null ? cacheBuilder.build() : cacheBuilder.ticker(cacheTicker).build();
        server = Objects.requireNonNull(serverConfig.apply(DnsServer.create().resolver(cache).runOn(resources)
                        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .queryTimeout(SERVER_TIMEOUT))
                .start().block(Duration.ofSeconds(10)));
    }

    /** A pipeline over {@code upstreams} in order, cache defaults except serve-stale answering at 200 ms. */
    static ForwardingPipeline over(List<InetSocketAddress> upstreams) {
        return new ForwardingPipeline(upstreams, 1000, defaultCache(), UnaryOperator.identity());
    }

    /** As {@link #over(List)} with another concurrency cap, cache options and server settings. */
    static ForwardingPipeline over(List<InetSocketAddress> upstreams, int concurrencyLimit, CacheOptions cacheOptions,
                                   UnaryOperator<DnsServer> serverConfig) {
        return new ForwardingPipeline(upstreams, concurrencyLimit, cacheOptions, serverConfig);
    }

    /** As {@link #over(List)} with other cache options, the cache's freshness read from {@code cacheTicker}. */
    static ForwardingPipeline over(List<InetSocketAddress> upstreams, CacheOptions cacheOptions, Ticker cacheTicker) {
        return new ForwardingPipeline(upstreams, 1000, cacheOptions, UnaryOperator.identity(), ATTEMPT_TIMEOUT,
                DEADLINE, ProbeSettings.DEFAULTS, cacheTicker);
    }

    /**
     * The forwarder's production budgets (2 s per attempt, 4.5 s overall, server timeout 5 s) for long runs on
     * a shared box, with health probes asking {@code probe} (an authoritative upstream such as NSD answers the
     * default {@code . NS} probe REFUSED, which would keep it DOWN).
     */
    static ForwardingPipeline withProductionBudgets(List<InetSocketAddress> upstreams, Query probe) {
        return new ForwardingPipeline(upstreams, 1000, defaultCache(),
                s -> s.queryTimeout(Duration.ofSeconds(5)), Duration.ofSeconds(2), Duration.ofMillis(4500),
                new ProbeSettings(probe, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1)), null);
    }

    static CacheOptions defaultCache() {
        return CacheOptions.DEFAULTS.withStale(CacheOptions.ServeStale.DEFAULTS.withAnswerTimeout(Duration.ofMillis(200))
                .withFailureRecheck(Duration.ofSeconds(1)));
    }

    /** The server's UDP address. */
    InetSocketAddress udp() {
        return Objects.requireNonNull(server.address(Protocol.UDP));
    }

    /** A dnsjava stub of the server: UDP (TCP on TC=1) or TCP, {@code timeout}, no retries. */
    SimpleResolver stub(boolean tcp, Duration timeout) {
        SimpleResolver stub = new SimpleResolver(udp());
        stub.setTCP(tcp);
        stub.setTimeout(timeout);
        return stub;
    }

    /** Queries waiting for an upstream UDP reply, over every client. */
    int pendingUpstreamQueries() {
        return clients.stream().mapToInt(UdpDnsClient::pendingCount).sum();
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
        cache.dispose();
        group.dispose();
        clients.forEach(UdpDnsClient::dispose);
        resources.disposeLater().block(Duration.ofSeconds(5));
    }
}
