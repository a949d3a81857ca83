package io.hostdns.transport.forwarder;

import io.hostdns.core.Protocol;
import io.hostdns.core.Upstream;
import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.metrics.HostDnsMetrics;
import io.hostdns.transport.server.RunningDnsServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The forwarder's meters in a Micrometer {@link PrometheusMeterRegistry}, all in the {@code hostdns_} namespace.
 * Nothing is looked up or tagged per query: the listeners count into their shared {@link RunningDnsServer.Counters}
 * (adders indexed by type and rcode) and every meter here is a function read when scraped. A scrape first takes
 * one {@link ForwarderStatus} snapshot, which every status meter then reads, and registers the meters of
 * upstreams a reconfiguration added (removing those it retired). Upstream response times are the one thing
 * recorded as they happen, into a histogram per upstream, on the miss path only. The README's "Operating it"
 * lists every name.
 */
final class PrometheusForwarderMetrics implements ForwarderMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<ForwarderStatus> status;
    private final RunningDnsServer.Counters counters;
    private final AtomicBoolean bound = new AtomicBoolean();
    private final Map<String, Set<Meter.Id>> upstreamMeters = new HashMap<>();
    private volatile @Nullable ForwarderStatus snapshot;

    /** The registry only; the upstream timers ({@link #timed}) register in it as the pipeline is built. */
    PrometheusForwarderMetrics(Supplier<ForwarderStatus> status, RunningDnsServer.Counters counters) {
        this.status = status;
        this.counters = counters;
    }

    @Override
    public void bindMeters() {
        if (!bound.compareAndSet(false, true)) {
            return;
        }
        bindServer(counters);
        bindStatus();
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", ResidentMemory::bytes).baseUnit("bytes")
                .description("resident set size of this process (Linux /proc/self/statm; NaN elsewhere)")
                .register(registry);
    }

    @Override
    public Upstream timed(Upstream client) {
        return HostDnsMetrics.timed(client, registry);
    }

    @Override
    public synchronized @Nullable String scrape() {
        ForwarderStatus now = status.get();
        snapshot = now;
        syncUpstreams(now);
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }

    private void bindServer(RunningDnsServer.Counters c) {
        for (Protocol protocol : new Protocol[] {Protocol.UDP, Protocol.TCP}) {
            for (String type : RunningDnsServer.Counters.REQUEST_TYPES) {
                FunctionCounter.builder("hostdns.dns.requests", c, x -> x.requests(protocol, type))
                        .description("requests read by the listeners, by transport and query type")
                        .tags("proto", protocol.label(), "type", type).register(registry);
            }
        }
        for (String rcode : RunningDnsServer.Counters.REPLY_RCODES) {
            FunctionCounter.builder("hostdns.dns.responses", c, x -> x.replies(rcode))
                    .description("replies sent, by rcode").tag("rcode", rcode).register(registry);
        }
        server(c, "hostdns.dns.dropped", "packets dropped unanswered (shorter than a DNS header)",
                s -> s.droppedMalformed());
        server(c, "hostdns.dns.refused.acl", "requests refused (UDP) or connections closed (TCP) by the ACL",
                s -> s.refusedByAcl());
        server(c, "hostdns.dns.rate.limited", "requests over their client's rate limit (TC=1 or REFUSED)",
                s -> s.rateLimited());
        server(c, "hostdns.dns.truncated", "UDP replies sent truncated (TC=1) to fit the client's size",
                s -> s.truncated());
        server(c, "hostdns.dns.failures", "SERVFAIL replies written because the pipeline failed",
                s -> s.servfailOnError());
        server(c, "hostdns.dns.tcp.rejected", "TCP connections closed at the connection cap",
                s -> s.tcpConnectionsRejected());
    }

    private void server(RunningDnsServer.Counters c, String name, String description,
                        ToDoubleFunction<RunningDnsServer.Counters.Snapshot> value) {
        FunctionCounter.builder(name, c, x -> value.applyAsDouble(x.snapshot())).description(description)
                .register(registry);
    }

    private void bindStatus() {
        cache("hostdns.cache.hits", "queries answered from a fresh entry", CacheStats::hits);
        cache("hostdns.cache.misses", "queries that found no fresh entry", CacheStats::misses);
        cache("hostdns.cache.stale", "stale answers served (RFC 8767)", CacheStats::staleServed);
        cache("hostdns.cache.prefetches", "refresh-ahead refreshes started", CacheStats::prefetches);
        cache("hostdns.cache.evictions", "entries removed by size or expiry", CacheStats::evictions);
        cache("hostdns.cache.refresh.failures", "background refreshes that failed", CacheStats::refreshFailures);
        Gauge.builder("hostdns.cache.size", this, m -> m.read(s -> s.cache() == null ? 0 : s.cache().size()))
                .description("entries held, expired ones kept for serve-stale included").register(registry);
        counter("hostdns.coalesced.queries", "misses that joined an identical upstream query in flight",
                ForwarderStatus::coalescedQueries);
        counter("hostdns.loop.probes.seen", "our own loop probes that came back (a forwarding loop)",
                ForwarderStatus::loopProbesSeen);
        FunctionCounter.builder("hostdns.upstream.hedges", this, m -> m.read(s -> s.hedges().fired()))
                .description("hedge delays that ran out and started the next upstream").tag("result", "fired")
                .register(registry);
        FunctionCounter.builder("hostdns.upstream.hedges", this, m -> m.read(s -> s.hedges().won()))
                .description("hedge delays that ran out and started the next upstream").tag("result", "won")
                .register(registry);
        FunctionCounter.builder("hostdns.config.reloads", this, m -> m.read(s -> s.config().applied() - 1))
                .description("configurations applied after the first, and reloads that failed")
                .tag("result", "applied").register(registry);
        FunctionCounter.builder("hostdns.config.reloads", this, m -> m.read(s -> s.config().failed()))
                .description("configurations applied after the first, and reloads that failed")
                .tag("result", "failed").register(registry);
        Gauge.builder("hostdns.config.last.reload.successful", this,
                        m -> m.read(s -> s.config().lastError() == null ? 1 : 0))
                .description("1 when the last reload was applied (or none failed), 0 while a failed one is pending")
                .register(registry);
    }

    private void cache(String name, String description, ToDoubleFunction<CacheStats> value) {
        FunctionCounter.builder(name, this, m -> m.read(s -> s.cache() == null ? 0 : value.applyAsDouble(s.cache())))
                .description(description).register(registry);
    }

    private void counter(String name, String description, ToDoubleFunction<ForwarderStatus> value) {
        FunctionCounter.builder(name, this, m -> m.read(value)).description(description).register(registry);
    }

    private double read(ToDoubleFunction<ForwarderStatus> value) {
        ForwarderStatus s = snapshot;
        return s == null ? 0 : value.applyAsDouble(s);
    }

    /** Registers the meters of upstreams first seen in {@code now} and removes those no longer in it. */
    private void syncUpstreams(ForwarderStatus now) {
        Set<String> present = new HashSet<>();
        for (ForwarderStatus.RouteStatus route : now.upstreams()) {
            String scope = route.domain() == null ? "default" : route.domain().toString();
            for (UpstreamStatus upstream : route.upstreams()) {
                String key = scope + " " + upstream.id();
                present.add(key);
                upstreamMeters.computeIfAbsent(key, k -> register(scope, upstream));
            }
        }
        upstreamMeters.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
    }

    private Set<Meter.Id> register(String scope, UpstreamStatus upstream) {
        Tags tags = Tags.of("route", scope, "upstream", upstream.address().toLowerCase(Locale.ROOT),
                "protocol", upstream.protocol().label());
        Set<Meter.Id> ids = new HashSet<>();
        for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
            ids.add(FunctionCounter.builder("hostdns.upstream.attempts", this,
                            m -> m.read(s -> find(s, scope, upstream).count(outcome)))
                    .description("attempts to one upstream, by outcome").tags(tags)
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).getId());
        }
        ids.add(Gauge.builder("hostdns.upstream.state", this, m -> m.read(s -> find(s, scope, upstream).state().ordinal()))
                .description("health of one upstream: 0 healthy, 1 degraded, 2 down").tags(tags).register(registry)
                .getId());
        return ids;
    }

    /** The status of {@code upstream} in {@code s}; the upstream is known to be there (synced this scrape). */
    private static UpstreamStatus find(ForwarderStatus s, String scope, UpstreamStatus upstream) {
        for (ForwarderStatus.RouteStatus route : s.upstreams()) {
            String routeScope = route.domain() == null ? "default" : route.domain().toString();
            if (routeScope.equals(scope)) {
                for (UpstreamStatus candidate : route.upstreams()) {
                    if (candidate.id().equals(upstream.id())) {
                        return candidate;
                    }
                }
            }
        }
        return upstream;
    }
}
