package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.internal.hosts.MemberTable;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.internal.CacheFront;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.ClientRateLimit;
import io.hostdns.transport.server.RunningDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The runtime behind a {@link HostDnsForwarder}: the current {@link Generation} (one atomic reference), the
 * state that outlives generations (member table, loop detector, cache store while its configuration stays,
 * listeners), and the steps of start, reconfiguration and shutdown, which the forwarder serialises; queries
 * read the reference from any thread. It reads its {@link ForwarderSettings}, never the builder.
 */
final class ForwarderCore {

    private static final Logger log = LoggerFactory.getLogger(ForwarderCore.class);
    /** Beyond the overall query deadline, how long a retired upstream generation may still have queries. */
    private static final Duration RETIRE_MARGIN = Duration.ofSeconds(1);

    private final ForwarderSettings settings;
    private final DnsResources resources;
    private final boolean ownsResources;
    private final LoopDetector loops = new LoopDetector();
    private final @Nullable MemberTable members;
    private final UpstreamRoutesFactory routesFactory;
    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final AtomicLong retiredCoalesced = new AtomicLong();
    private final ListenerSet listeners = new ListenerSet();
    private final ListenerPlan plan;
    private final CacheFront front = new Front();
    /** Drops the names of member changes from the cache (see {@link Front#hitStore}); null without members. */
    private final @Nullable MemberDrops memberDrops;
    /** True from a reconfiguration's switch until the names it hands to other stages left the cache. */
    private volatile boolean switching;
    private final Sinks.Many<Object> events = Sinks.many().multicast().directBestEffort();
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final Disposable.Swap upstreamWatch = Disposables.swap();
    // every listener counts here, across rebuilds: the metrics read one set of totals
    private final RunningDnsServer.Counters counters = new RunningDnsServer.Counters();
    private final HedgeTotals hedges = new HedgeTotals();
    private final ConfigTracker configs;
    private final ForwarderMetrics metrics;
    private final EndpointsListener http;
    private volatile boolean stopping;
    private final HostsFiles hostsFiles;
    private final Sinks.Many<Object> hostsChanges = Sinks.many().multicast().directBestEffort();

    ForwarderCore(ForwarderSettings settings, DnsResources resources, boolean ownsResources) {
        this.settings = settings;
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.plan = new ListenerPlan(settings.listen());
        this.configs = new ConfigTracker(settings.scheduler());
        this.hostsFiles = new HostsFiles(settings.pollInterval(), settings.scheduler());
        this.metrics = ForwarderMetrics.create(this::status, counters);
        this.http = new EndpointsListener(new ForwarderEndpoints(this::status, () -> stopping, metrics, resources));
        HostDnsForwarder.UpstreamClients clients = settings.clients() != null ? settings.clients()
                : UpstreamFactory.create(resources).trust(settings.trust())::create;
        this.routesFactory = new UpstreamRoutesFactory(clients, settings.scheduler(), metrics);
        HostDnsConfig config = settings.config();
        this.members = settings.members() == null ? null : MemberTable.follow(settings.members());
        UpstreamRoutes routes = null;
        CacheStore store = null;
        try {
            DnssecValidation dnssec = DnssecStage.validation(config.dnssec());
            hostsFiles.follow(config.hostsFiles(), this::hostsFileChanged);
            routes = routesFactory.create(config);
            store = newStore(config);
            current.set(Generation.of(config, parts(config, routes, store, dnssec)));
        } catch (RuntimeException e) {
            if (members != null) {
                members.dispose();
            }
            if (routes != null) {
                routes.dispose();
            }
            if (store != null) {
                store.dispose();
            }
            metrics.close();
            hostsFiles.dispose();
            throw e;
        }
        subscriptions.add(hostsFiles);
        if (members != null) {
            subscriptions.add(members);
            memberDrops = new MemberDrops(members, () -> current.get().parts().cache());
            subscriptions.add(memberDrops);
        } else {
            memberDrops = null;
        }
        subscriptions.add(upstreamWatch);
        watchUpstreams(routes);
    }

    private StageParts parts(HostDnsConfig config, UpstreamRoutes routes, @Nullable CacheStore cache,
                             @Nullable DnssecValidation dnssec) {
        StaticHosts.Builder hosts = hostsFiles.addTo(StaticHosts.builder().addAll(config.staticHosts()));
        if (settings.node() != null) {
            hosts = settings.node().addTo(hosts);
        }
        return new StageParts(loops, hosts.build(), settings.node() != null, members, cache,
                settings.maxUpstreamQueries(), routes, settings.scheduler(), dnssec);
    }

    /** A new cache store for {@code config}'s cache settings; null when they turn caching off. */
    private @Nullable CacheStore newStore(HostDnsConfig config) {
        if (config.cache().maxEntries() == 0) {
            return null;
        }
        var builder = CacheStore.builder().options(CacheSettings.from(config.cache(), config.dnssec().bogusTtl()))
                .scheduler(settings.scheduler())
                // Caffeine's upkeep (draining its read buffers after hits) on the calling event loop: by default
                // it goes to the ForkJoin common pool, and waking a pool thread every few dozen hits cost more
                // CPU per cache hit than the lookup itself (futex wake-ups under dnsperf).
                .executor(Runnable::run);
        return settings.ticker() == null ? builder.build() : builder.ticker(settings.ticker()).build();
    }

    Generation current() {
        return current.get();
    }

    /** The chain the listeners ask: always the current generation's plain chain. */
    Resolver front() {
        return front;
    }

    /**
     * What the listeners ask: the current generation's plain chain, whose hits the server may answer from the
     * current generation's cache store itself ({@link StageList}'s invariant makes that the same answer).
     */
    private final class Front implements CacheFront {
        @Override
        public Mono<Answer> resolve(Query query) {
            return current.get().plain().resolve(query);
        }

        /**
         * The current store, except while a name may be in it that a stage before the cache answers already: from
         * a member update until its changed names left the cache, and during a reconfiguration's switch. Then the
         * server resolves every query (the member stage, say, answers the name), as the stage list's invariant
         * asks, which the stage list alone keeps only for queries that resolve.
         */
        @Override
        public @Nullable CacheStore hitStore() {
            // the generation first: one set during a switch is only used once the switch and its drops are done
            Generation generation = current.get();
            MemberDrops drops = memberDrops;
            if (switching || (drops != null && !drops.settled())) {
                return null;
            }
            return generation.parts().cache();
        }
    }

    ListenerSet listeners() {
        return listeners;
    }

    /** The server template with the rate limit: the builder's when one was given, else the configuration's. */
    private DnsServer server(HostDnsConfig config) {
        DnsServer server = ListenerPlan.server(config, front, resources, settings.scheduler()).counters(counters);
        ClientRateLimit limit = settings.rateLimit() != null ? settings.rateLimit() : config.rateLimit();
        return limit == null ? server : server.rateLimit(limit);
    }

    private void hostsFileChanged() {
        synchronized (hostsChanges) {
            hostsChanges.tryEmitNext("hosts file changed");
        }
    }

    /** A change of a followed hosts file (hot): the forwarder then runs {@link #rebuildHosts} in its queue. */
    Flux<Object> hostsChanges() {
        return hostsChanges.asFlux();
    }

    /**
     * The current configuration again, with the hosts files as they are now: the hosts stage is rebuilt and the
     * names whose answers changed are dropped from the cache.
     */
    Mono<Void> rebuildHosts() {
        return Mono.<Void>fromRunnable(() -> {
            Generation old = current.get();
            switchTo(old, old.config(), old.parts().routes(), false, false, old.parts().dnssec(), "hosts files changed");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Binds the listeners, then (while they answer) binds the meters, runs the loop checks, writes resolv.conf
     * when configured and binds the HTTP endpoints. What the listeners do not need comes after them, and each
     * step is made only when the one before it is done, so the DNS listeners answer as early as they can.
     */
    Mono<Void> start() {
        Generation generation = current.get();
        HostDnsConfig config = generation.config();
        return listeners.apply(plan.addresses(config), server(config), false, Duration.ZERO)
                .then(Mono.defer(() -> listeners.anyRunning() ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("no listen address could be bound: " + listeners.status()))))
                // the JVM and process binders read files, and the listeners may have completed on an event loop
                .then(Mono.fromRunnable(metrics::bindMeters).subscribeOn(Schedulers.boundedElastic()))
                .then(Mono.defer(() -> LoopChecks.refuseOwnAddresses(config, listeners.boundAddresses())))
                .then(Mono.defer(() -> loopCheck(generation.parts().routes())))
                .then(Mono.defer(() -> config.resolvConf().write() ? ResolvConfFiles.write(config).then() : Mono.<Void>empty()))
                .then(Mono.defer(() -> http.start(config.metrics().listen())))
                .doOnSuccess(v -> log.info("host DNS forwarder running on {}: {}; upstreams {}{}",
                        listeners.boundAddresses(), generation.summary(), generation.parts().routes().describe(),
                        httpAddress() == null ? "" : "; HTTP endpoints on " + httpAddress()));
    }

    /** The bound address of the HTTP endpoints, null when they are off. */
    @Nullable InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Records a reload that failed before reaching {@link #reconfigure} (a file that does not load). */
    void reloadFailed(String error) {
        configs.failed(error);
    }

    /** The reads of {@code file}, polled at the settings' interval and on each trigger, until shutdown. */
    Flux<FileWatch.Read> watch(java.nio.file.Path file, Flux<?> triggers) {
        return FileWatch.watch(file, settings.pollInterval(), triggers, settings.scheduler())
                .takeUntilOther(events.asFlux().then(Mono.just(Boolean.TRUE)));
    }

    /** Where the configuration is reloaded from, for the status. */
    void configSource(@Nullable String source) {
        configs.source(source);
    }

    private Mono<Void> loopCheck(UpstreamRoutes candidate) {
        Duration timeout = settings.loopCheckTimeout();
        return timeout == null ? Mono.empty() : loops.check(candidate.clients(), timeout, settings.scheduler());
    }

    /**
     * Applies {@code config}; see {@link HostDnsForwarder#reconfigure}. New HTTP endpoints are bound first and
     * replace the old ones only when everything else succeeded, so a failure leaves everything as it was.
     */
    Mono<Void> reconfigure(HostDnsConfig config) {
        // the DNS side reads the current generation when it runs: after the new endpoints are bound
        return http.around(current.get().config().metrics().listen(), config.metrics().listen(),
                        Mono.defer(() -> reconfigureDns(config)))
                .doOnSuccess(v -> configs.applied())
                .doOnError(error -> configs.failed(error.getMessage()));
    }

    private Mono<Void> reconfigureDns(HostDnsConfig config) {
        Generation old = current.get();
        boolean upstreamsChanged = ConfigDiff.upstreamsChanged(old.config(), config);
        boolean dnssecChanged = ConfigDiff.dnssecChanged(old.config(), config);
        UpstreamRoutes oldRoutes = old.parts().routes();
        // the anchor files are read again only when the section changed; a bad one fails the reconfiguration
        Mono<Optional<DnssecValidation>> nextDnssec = dnssecChanged
                ? Mono.fromCallable(() -> Optional.ofNullable(DnssecStage.validation(config.dnssec())))
                        .subscribeOn(Schedulers.boundedElastic())
                : Mono.just(Optional.ofNullable(old.parts().dnssec()));
        Mono<UpstreamRoutes> nextRoutes = upstreamsChanged
                ? Mono.fromCallable(() -> routesFactory.create(config)).subscribeOn(Schedulers.boundedElastic())
                : Mono.just(oldRoutes);
        return nextDnssec.flatMap(dnssec -> nextRoutes.flatMap(candidate ->
                        LoopChecks.refuseOwnAddresses(config, listeners.boundAddresses())
                        .then(upstreamsChanged ? loopCheck(candidate) : Mono.empty())
                        .doOnError(error -> {
                            if (candidate != oldRoutes) {
                                candidate.dispose();
                            }
                        })
                        // Caffeine's clear takes a lock, hosts files are read: where blocking briefly is allowed
                        .then(Mono.<Void>fromRunnable(() -> {
                            hostsFiles.follow(config.hostsFiles(), this::hostsFileChanged);
                            switchTo(old, config, candidate, upstreamsChanged, dnssecChanged, dnssec.orElse(null),
                                    "reconfigured");
                        }).subscribeOn(Schedulers.boundedElastic()))))
                .then(Mono.defer(() -> listeners.apply(plan.addresses(config), server(config),
                        ConfigDiff.serverChanged(old.config(), config), Duration.ofSeconds(1))))
                .doOnSuccess(v -> emit("reconfigured")).then();
    }

    private void switchTo(Generation old, HostDnsConfig config, UpstreamRoutes routes, boolean upstreamsChanged,
                          boolean dnssecChanged, @Nullable DnssecValidation dnssec, String why) {
        CacheStore oldStore = old.parts().cache();
        boolean cacheChanged = !old.config().cache().equals(config.cache())
                || !old.config().dnssec().bogusTtl().equals(config.dnssec().bogusTtl());
        CacheStore store = cacheChanged ? newStore(config) : oldStore;
        Generation next = Generation.of(config, parts(config, routes, store, dnssec));
        switching = true;
        try {
            current.set(next);
            // the old generation's count as of the switch: a query joining its coalescer later is not counted
            retiredCoalesced.addAndGet(old.coalescedQueries());
            CacheInvalidation.afterSwitch(old, next, upstreamsChanged || dnssecChanged, members);
        } finally {
            switching = false;
        }
        if (cacheChanged && oldStore != null) {
            oldStore.dispose();
        }
        log.info("{}: {}", why, next.summary());
        if (upstreamsChanged) {
            hedges.retire(old.parts().routes());
            watchUpstreams(routes);
            Duration grace = old.config().timeouts().overall().plus(RETIRE_MARGIN);
            old.parts().routes().retire(grace, settings.scheduler()).subscribe(null,
                    error -> log.warn("retiring the old upstreams failed: {}", error.toString()));
            log.info("upstreams changed: {} (cache flushed)", routes.describe());
        }
        if (dnssecChanged) {
            log.info("DNSSEC settings changed: {} (cache flushed)", dnssec == null ? "not validating"
                    : "validating, " + dnssec.trustAnchors().size() + " trust anchors");
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
        Generation generation = current.get();
        List<ForwarderStatus.RouteStatus> upstreams = generation.parts().routes().all().stream()
                .map(r -> new ForwarderStatus.RouteStatus(r.domain(), r.group().status())).toList();
        CacheStore store = generation.parts().cache();
        CacheStats cache = store == null ? null : store.stats();
        return new ForwarderStatus(listeners.status(), upstreams, cache,
                retiredCoalesced.get() + generation.coalescedQueries(), loops.probesSeen(),
                hedges.with(generation.parts().routes()), configs.status());
    }

    Mono<Void> shutdown(Duration grace) {
        stopping = true; // /ready turns 503 while the listeners drain
        return listeners.shutdown(grace)
                .then(Mono.fromRunnable(() -> {
                    http.close();
                    metrics.close();
                    subscriptions.dispose();
                    Generation generation = current.get();
                    generation.parts().routes().dispose();
                    CacheStore store = generation.parts().cache();
                    if (store != null) {
                        store.dispose();
                    }
                    synchronized (events) {
                        events.tryEmitComplete();
                    }
                    synchronized (hostsChanges) {
                        hostsChanges.tryEmitComplete();
                    }
                }))
                .then(ownsResources ? resources.disposeLater() : Mono.empty())
                .doOnSuccess(v -> log.info("host DNS forwarder stopped"));
    }
}
