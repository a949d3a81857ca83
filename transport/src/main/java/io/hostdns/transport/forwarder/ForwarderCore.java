package io.hostdns.transport.forwarder;

import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.guard.ConcurrencyLimitResolver;
import io.hostdns.core.hosts.MemberNamesResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.trace.TraceEvent;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.DnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The state behind a {@link HostDnsForwarder}: the current {@link Pipeline} and upstream generation (two
 * atomic references, switched together), the long-lived parts (member names, loop detector, listeners), and
 * the steps of start, reconfiguration and shutdown. Start, reconfiguration and shutdown are serialised by the
 * forwarder; queries read the references from any thread.
 */
final class ForwarderCore {

    private static final Logger log = LoggerFactory.getLogger(ForwarderCore.class);
    /** Beyond the overall query deadline, how long a retired upstream generation may still have queries. */
    private static final Duration RETIRE_MARGIN = Duration.ofSeconds(1);

    private final HostDnsForwarderBuilder settings;
    private final DnsResources resources;
    private final boolean ownsResources;
    private final LoopDetector loops = new LoopDetector();
    private final UpstreamRoutesFactory routesFactory;
    private final AtomicReference<UpstreamRoutes> routes;
    private final AtomicReference<Pipeline> current;
    private final @Nullable MemberNamesResolver members;
    private final PipelineAssembly assembly;
    private final ListenerSet listeners;
    private final ListenerPlan plan;
    private final Sinks.Many<Object> events = Sinks.many().multicast().directBestEffort();
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final Disposable.Swap upstreamWatch = Disposables.swap();

    ForwarderCore(HostDnsForwarderBuilder settings, DnsResources resources, boolean ownsResources) {
        this.settings = settings;
        this.resources = resources;
        this.ownsResources = ownsResources;
        HostDnsConfig config = settings.config;
        this.routesFactory = new UpstreamRoutesFactory(resources, settings.trust, settings.scheduler);
        this.routes = new AtomicReference<>(routesFactory.create(config));
        this.current = new AtomicReference<>();
        Resolver upstreamSwitch = query -> routes.get().resolve(query);
        // the one member resolver serves both chains: below it, a traced query takes the traced part
        Resolver belowMembers = query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace == null) {
                return current.get().belowMembers().resolve(query);
            }
            trace.record(new TraceEvent.Stage("members", TraceEvent.StageOutcome.PASSED_ON, ""));
            return current.get().tracedBelowMembers().resolve(query);
        });
        this.members = settings.members == null ? null : MemberNamesResolver.create(settings.members, belowMembers);
        this.assembly = new PipelineAssembly(settings.scheduler, loops,
                new ConcurrencyLimitResolver(upstreamSwitch, settings.maxUpstreamQueries), members);
        current.set(assembly.assemble(config, StaticHostTables.of(config, settings.node),
                assembly.newCache(config.cache()), routes.get()));
        this.listeners = new ListenerSet(server(config, q -> current.get().front().resolve(q)), settings.scheduler);
        this.plan = new ListenerPlan(settings.listen);
        if (members != null) {
            subscriptions.add(members);
            subscriptions.add(members.changes().publishOn(Schedulers.boundedElastic()).subscribe(this::invalidate,
                    error -> log.warn("member changes stopped: {}", error.toString())));
        }
        subscriptions.add(upstreamWatch);
        watchUpstreams(routes.get());
    }

    Pipeline current() {
        return current.get();
    }

    /** The server template with the builder's abuse limits (a client rate limit when one was given). */
    private DnsServer server(HostDnsConfig config, Resolver front) {
        DnsServer server = ListenerPlan.server(config, front, resources, settings.scheduler);
        return settings.rateLimit == null ? server : server.rateLimit(settings.rateLimit);
    }

    ListenerSet listeners() {
        return listeners;
    }

    /** Binds the listeners, runs the loop checks and writes resolv.conf when configured. */
    Mono<Void> start(Resolver front) {
        HostDnsConfig config = current.get().config();
        return listeners.apply(plan.addresses(config), server(config, front),
                        false, Duration.ZERO)
                .then(Mono.defer(() -> listeners.anyRunning() ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("no listen address could be bound: " + listeners.status()))))
                .then(Mono.defer(() -> LoopChecks.refuseOwnAddresses(config, listeners.boundAddresses())))
                .then(loopCheck(routes.get()))
                .then(config.resolvConf().write() ? ResolvConfFiles.write(config).then() : Mono.empty())
                .doOnSuccess(v -> log.info("host DNS forwarder running on {}: {}", listeners.boundAddresses(),
                        routes.get().describe()));
    }

    private Mono<Void> loopCheck(UpstreamRoutes candidate) {
        return settings.loopCheckTimeout == null ? Mono.empty()
                : loops.check(candidate.clients(), settings.loopCheckTimeout, settings.scheduler);
    }

    /** Applies {@code config}; see {@link HostDnsForwarder#reconfigure}. */
    Mono<Void> reconfigure(HostDnsConfig config, Resolver front) {
        Pipeline old = current.get();
        boolean upstreamsChanged = ConfigDiff.upstreamsChanged(old.config(), config);
        boolean cacheChanged = !old.config().cache().equals(config.cache());
        Mono<UpstreamRoutes> nextRoutes = upstreamsChanged
                ? Mono.fromCallable(() -> routesFactory.create(config)).subscribeOn(Schedulers.boundedElastic())
                : Mono.just(old.routes());
        return nextRoutes.flatMap(candidate -> LoopChecks.refuseOwnAddresses(config, listeners.boundAddresses())
                        .then(upstreamsChanged ? loopCheck(candidate) : Mono.empty())
                        .doOnError(error -> {
                            if (candidate != old.routes()) {
                                candidate.dispose();
                            }
                        })
                        // Caffeine's clear takes a lock: flushing runs where blocking briefly is allowed
                        .then(Mono.<Void>fromRunnable(() -> swap(old, config, candidate, upstreamsChanged, cacheChanged))
                                .subscribeOn(Schedulers.boundedElastic())))
                .then(Mono.defer(() -> listeners.apply(plan.addresses(config),
                        server(config, front),
                        ConfigDiff.serverChanged(old.config(), config), Duration.ofSeconds(1))))
                .doOnSuccess(v -> emit("reconfigured")).then();
    }

    private void swap(Pipeline old, HostDnsConfig config, UpstreamRoutes nextRoutes, boolean upstreamsChanged,
                      boolean cacheChanged) {
        CachingResolver cache = cacheChanged ? assembly.newCache(config.cache()) : old.cache();
        StaticHosts hosts = StaticHostTables.of(config, settings.node);
        Pipeline next = assembly.assemble(config, hosts, cache, nextRoutes);
        routes.set(nextRoutes);
        current.set(next);
        if (cacheChanged && old.cache() != null) {
            old.cache().dispose();
        } else if (cache != null && upstreamsChanged) {
            cache.invalidateAll(); // answers of the old upstreams must not outlive them (talos fc7080e34)
        } else if (cache != null) {
            StaticHosts.changedNames(old.staticHosts(), hosts).forEach(cache::invalidate);
        }
        if (upstreamsChanged) {
            watchUpstreams(nextRoutes);
            Duration grace = old.config().timeouts().overall().plus(RETIRE_MARGIN);
            old.routes().retire(grace, settings.scheduler).subscribe(null,
                    error -> log.warn("retiring the old upstreams failed: {}", error.toString()));
            log.info("upstreams changed: {} (cache flushed)", nextRoutes.describe());
        }
    }

    private void invalidate(java.util.Set<Name> names) {
        CachingResolver cache = current.get().cache();
        if (cache != null) {
            names.forEach(cache::invalidate);
        }
    }

    private void watchUpstreams(UpstreamRoutes watched) {
        List<Flux<?>> changes = new ArrayList<>();
        for (UpstreamRoutes.Route route : watched.all()) {
            changes.add(route.group().statusChanges());
        }
        upstreamWatch.update(Flux.merge(changes).subscribe(this::emit));
    }

    private void emit(Object event) {
        synchronized (events) {
            events.tryEmitNext(event);
        }
    }

    /** Listener changes, upstream health changes and reconfigurations, as they happen. */
    Flux<Object> changes() {
        return Flux.merge(listeners.changes(), events.asFlux());
    }

    ForwarderStatus status() {
        Pipeline pipeline = current.get();
        List<ForwarderStatus.RouteStatus> upstreams = pipeline.routes().all().stream()
                .map(r -> new ForwarderStatus.RouteStatus(r.domain(), r.group().status())).toList();
        CacheStats cache = null;
        if (pipeline.cache() != null) {
            CacheStats s = pipeline.cache().stats();
            cache = s;
        }
        return new ForwarderStatus(listeners.status(), upstreams, cache, assembly.coalescedQueries(), loops.probesSeen());
    }

    Mono<Void> shutdown(Duration grace) {
        return listeners.shutdown(grace)
                .then(Mono.fromRunnable(() -> {
                    subscriptions.dispose();
                    Pipeline pipeline = current.get();
                    pipeline.routes().dispose();
                    if (pipeline.cache() != null) {
                        pipeline.cache().dispose();
                    }
                    synchronized (events) {
                        events.tryEmitComplete();
                    }
                }))
                .then(ownsResources ? resources.disposeLater() : Mono.empty())
                .doOnSuccess(v -> log.info("host DNS forwarder stopped"));
    }
}
