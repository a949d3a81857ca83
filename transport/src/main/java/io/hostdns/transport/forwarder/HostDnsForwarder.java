package io.hostdns.transport.forwarder;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.hosts.Member;
import io.hostdns.core.hosts.NodeIdentity;
import io.hostdns.core.search.ResolvConf;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.ClientRateLimit;
import io.hostdns.transport.tls.TlsTrust;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A running host DNS forwarder: a caching DNS server on UDP and TCP built from a {@link HostDnsConfig}, like
 * Talos' {@code dns-resolve-cache}, embeddable in a JVM service.
 *
 * <pre>{@code
 * HostDnsForwarder forwarder = HostDnsForwarder.builder(config).members(memberSets).start().block();
 * forwarder.reconfigure(newConfig).block();          // upstreams swapped, listeners diffed, cache flushed if needed
 * forwarder.shutdown(Duration.ofSeconds(5)).block();
 * }</pre>
 *
 * <p>The pipeline is an ordered list of named stages ({@link #stages()}, defined in one place, {@code StageList}:
 * CHAOS-class answers, loop probes, disableIPv6, hosts, members, cache, coalescing, the concurrency cap, the routes to the upstream
 * groups; per upstream {@link #upstreamStages()}). {@link #reconfigure} swaps it atomically: queries
 * in flight finish on the old upstreams, which are disposed once those have drained (at the latest after the
 * overall query deadline plus one second); the cache is flushed when the upstreams change and kept otherwise;
 * static host and member changes drop just the affected names from the cache; listen addresses are added or
 * removed without touching the others (an added address that cannot be bound yet is FAILED in
 * {@link #status()} and bound by its server's retries). Reconfigurations run one after the other. A
 * configuration that fails (a looping upstream, an unusable upstream list) leaves the previous one in place
 * and fails the returned {@code Mono}.
 */
public final class HostDnsForwarder implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(HostDnsForwarder.class);

    private final ForwarderCore core;
    private final Resolver traced;
    // reconfigurations run one after the other, in the order they were subscribed
    private final Sinks.Many<Mono<Void>> reconfigurations = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable reconfigurer;
    private final AtomicReference<@Nullable Mono<Void>> shutdown = new AtomicReference<>();
    private final Disposable hostsWatch;

    private HostDnsForwarder(ForwarderCore core) {
        this.core = core;
        this.traced = query -> core.current().resolve(query);
        this.reconfigurer = reconfigurations.asFlux().concatMap(job -> job).subscribe();
        // a hosts file change rebuilds the hosts stage in the same queue as reconfigurations
        this.hostsWatch = core.hostsChanges().subscribe(change -> submit(core.rebuildHosts()).subscribe(null,
                error -> log.warn("hosts files changed but could not be applied: {}", error.toString())));
    }

    /** A builder for a forwarder of {@code config}. */
    public static Builder builder(HostDnsConfig config) {
        return new Builder(config);
    }

    static Mono<HostDnsForwarder> start(ForwarderSettings settings) {
        return Mono.defer(() -> {
            if (!settings.config().enabled()) {
                return Mono.error(new IllegalStateException("hostDNS.enabled is false: there is no forwarder to start"));
            }
            DnsResources given = settings.resources();
            DnsResources resources = given != null ? given
                    : DnsResources.create("hostdns", Math.max(1, Runtime.getRuntime().availableProcessors()));
            boolean ownsResources = given == null;
            // Upstream clients build TLS contexts (file reads): off the caller's thread, which may be an event loop.
            return Mono.fromCallable(() -> new ForwarderCore(settings, resources, ownsResources))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(core -> {
                        HostDnsForwarder forwarder = new HostDnsForwarder(core);
                        return core.start()
                                .thenReturn(forwarder)
                                .onErrorResume(error -> forwarder.shutdown(Duration.ZERO).then(Mono.error(error)));
                    })
                    .doOnError(error -> {
                        if (ownsResources) {
                            resources.dispose();
                        }
                    });
        });
    }

    /**
     * Applies {@code config} when subscribed, after any reconfiguration still running; completes when the new
     * pipeline answers and the listeners have been changed. On failure the previous configuration stays.
     */
    public Mono<Void> reconfigure(HostDnsConfig config) {
        Objects.requireNonNull(config, "config");
        return Mono.defer(() -> {
            if (!config.enabled()) {
                return Mono.error(new IllegalArgumentException(
                        "hostDNS.enabled is false: shut the forwarder down instead of reconfiguring it"));
            }
            return submit(Mono.defer(() -> core.reconfigure(config)));
        });
    }

    /** Runs {@code work} in the queue of reconfigurations, after those before it; completes when it has run. */
    private Mono<Void> submit(Mono<Void> work) {
        Sinks.One<Void> done = Sinks.one();
        Mono<Void> job = work
                .doOnSuccess(v -> done.tryEmitEmpty())
                .onErrorResume(error -> {
                    done.tryEmitError(error);
                    return Mono.empty();
                });
        synchronized (reconfigurations) {
            if (reconfigurations.tryEmitNext(job).isFailure()) {
                return Mono.error(new IllegalStateException("the forwarder is shut down"));
            }
        }
        return done.asMono();
    }

    /**
     * Reloads the configuration from {@code file} (YAML, see {@link HostDnsConfigLoader}; needs SnakeYAML Engine)
     * whenever it changes (checked every {@link Builder#pollInterval}) and on each element of {@code triggers}
     * (e.g. SIGHUP), until the returned subscription is disposed or the forwarder shuts down. Each loaded
     * configuration goes through {@code adjust} (the command line's overrides; {@code UnaryOperator.identity()}
     * for none) and, when it differs from the one in force, through {@link #reconfigure}. A file that cannot be
     * read or does not validate, and a configuration the forwarder refuses, keep the running configuration:
     * one WARN line says why (field, value, what is allowed) and {@link #status()}'s
     * {@link ForwarderStatus.ConfigStatus} (so {@code /ready} and {@code /upstreams}) shows it until a reload
     * succeeds.
     */
    public Disposable reloadFrom(Path file, Flux<?> triggers, UnaryOperator<HostDnsConfig> adjust) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(adjust, "adjust");
        return new ConfigReloader(this, core, file, adjust).follow(triggers);
    }

    /**
     * Applies each configuration of {@code configs} in turn until it completes or the returned subscription is
     * disposed; a configuration that fails is logged at WARN and skipped (the previous one stays).
     */
    public Disposable reconfigureFrom(Flux<HostDnsConfig> configs) {
        return configs.concatMap(config -> reconfigure(config)
                        .onErrorResume(error -> {
                            log.warn("configuration not applied, keeping the previous one: {}", error.toString());
                            return Mono.empty();
                        }))
                .subscribe(null, error -> log.warn("configuration source failed: {}", error.toString()));
    }

    /** The configuration in force. */
    public HostDnsConfig config() {
        return core.current().config();
    }

    /**
     * The forwarder's pipeline as a {@link Resolver} for in-process use: always the current one, following
     * reconfigurations, traced when the subscriber's Context carries a {@link QueryTrace}; answers carry the
     * message ID of whatever produced them (patch in your own).
     */
    public Resolver pipeline() {
        return traced;
    }

    /** Resolves {@code query} through the pipeline, recording its way into {@code trace}. */
    public Mono<Answer> resolve(Query query, QueryTrace trace) {
        return trace.attach(traced.resolve(query));
    }

    /**
     * The stages of the pipeline in force, in the order a query meets them (a reconfiguration may change
     * them): {@code chaos}, {@code loop-probe}, {@code ipv6-disabled} with disableIPv6, {@code hosts}, {@code members} with
     * resolveMemberNames and a member source, {@code cache} unless cache.maxEntries is 0, {@code coalesce},
     * {@code dnssec} with dnssec.validate, {@code cap}, and {@code routes}, which sends each query to its upstream
     * group.
     */
    public List<StageDescription> stages() {
        return core.current().describe();
    }

    /** The stack of each upstream under its group, outermost first: health and timeout, sanitizer, client. */
    public List<StageDescription> upstreamStages() {
        return StageList.upstreamStack(config().timeouts());
    }

    /** The bound address of every listen address being served (UDP; TCP has the same), in configuration order. */
    public List<InetSocketAddress> listenAddresses() {
        return core.listeners().boundAddresses();
    }

    /**
     * The bound address of the HTTP endpoints ({@code /metrics}, {@code /health}, {@code /ready},
     * {@code /upstreams}; see {@link HostDnsConfig.Metrics}), or null when {@code hostDNS.metrics.listen} is empty.
     */
    public @Nullable InetSocketAddress httpAddress() {
        return core.httpAddress();
    }

    /** A snapshot of listeners, upstream health and cache counters. */
    public ForwarderStatus status() {
        return core.status();
    }

    /**
     * A new {@link #status()} snapshot after each change: a listener's state, an upstream's health state, a
     * reconfiguration. Hot; completes at shutdown.
     */
    public Flux<ForwarderStatus> statusChanges() {
        return core.changes().map(change -> core.status());
    }

    /**
     * The resolv.conf this forwarder would write: the configured listen addresses on port 53 as name servers
     * (at most 3), the search domains and options of the file at {@code hostDNS.resolvConf.path} kept (search
     * cleared unless {@code keepSearch}). Reads that file off the caller's thread.
     *
     * @return the file's content as data ({@link ResolvConf#text()} makes the text; the file written carries a
     *         comment line above it), as {@link HostDnsConfig#resolvConfFor} makes it.
     *         Fails with {@link IllegalArgumentException} when no listen address is on port 53.
     */
    public Mono<ResolvConf> resolvConf() {
        return ResolvConfFiles.generate(config());
    }

    /** Writes {@link #resolvConf()} atomically to {@code hostDNS.resolvConf.path}, whatever {@code write} says. */
    public Mono<ResolvConf> writeResolvConf() {
        return ResolvConfFiles.write(config());
    }

    /**
     * Stops accepting queries, lets those in flight finish within {@code grace}, then closes every listener,
     * upstream client, cache task and member subscription, and the event loops if the forwarder made them.
     * Calling it again returns the same shutdown.
     */
    public Mono<Void> shutdown(Duration grace) {
        Mono<Void> created = Mono.defer(() -> {
            synchronized (reconfigurations) {
                reconfigurations.tryEmitComplete();
            }
            return core.shutdown(grace);
        }).doFinally(s -> {
            hostsWatch.dispose();
            reconfigurer.dispose();
        }).cache();
        return shutdown.compareAndSet(null, created) ? created : Objects.requireNonNull(shutdown.get());
    }

    /** Starts a shutdown with a 5 s grace period without waiting for it. */
    @Override
    public void dispose() {
        shutdown(Duration.ofSeconds(5)).subscribe(null, e -> log.warn("forwarder shutdown failed: {}", e.toString()));
    }

    @Override
    public boolean isDisposed() {
        return shutdown.get() != null;
    }

    /**
     * The immutable builder of a {@link HostDnsForwarder}: every method returns a new builder and leaves this one
     * as it was; {@link #start()} starts a forwarder with the settings collected so far. Start from
     * {@link HostDnsForwarder#builder(HostDnsConfig)}; only the configuration is required. Defaults: event loops
     * of its own (disposed with the forwarder), no member source, no node identity, the system's TLS trust, the
     * configuration's listen addresses, {@link Schedulers#parallel()}, a loop check at start with a 2 s probe
     * timeout, at most 1000 upstream queries in flight, no client rate limit, the cache on a coarse system ticker,
     * upstream clients from an {@code UpstreamFactory}.
     */
    public static final class Builder {

        private final ForwarderSettings settings;

        Builder(HostDnsConfig config) {
            this(new ForwarderSettings(config, null, null, null, TlsTrust.systemDefault(), null, Schedulers.parallel(),
                    Duration.ofSeconds(2), 1000, null, null, null, Duration.ofSeconds(5)));
        }

        private Builder(ForwarderSettings settings) {
            this.settings = settings;
        }

        /** The settings with one change, on a copy; the record itself never changes. */
        private Builder with(Consumer<ForwarderSettings.Draft> change) {
            ForwarderSettings.Draft draft = new ForwarderSettings.Draft(settings);
            change.accept(draft);
            return new Builder(draft.settings());
        }

        /** Event loops shared with the caller (and its other clients); they are not disposed with the forwarder. */
        public Builder resources(DnsResources value) {
            Objects.requireNonNull(value, "resources");
            return with(d -> d.resources = value);
        }

        /**
         * The cluster members, each element the complete current set; answered when the configuration has
         * {@code resolveMemberNames}. Subscribed at start, until shutdown.
         */
        public Builder members(Flux<? extends Collection<Member>> value) {
            Objects.requireNonNull(value, "members");
            return with(d -> d.members = value);
        }

        /** The node's own hostname, FQDN and addresses, answered like static hosts. */
        public Builder node(NodeIdentity value) {
            Objects.requireNonNull(value, "node");
            return with(d -> d.node = value);
        }

        /** The certificate authorities DoT and DoH upstreams must chain to (default: the system's). */
        public Builder trust(TlsTrust value) {
            Objects.requireNonNull(value, "trust");
            return with(d -> d.trust = value);
        }

        /**
         * Listen on these addresses instead of the configuration's (port 0: an ephemeral port, as tests do); kept
         * across reconfigurations. The generated resolv.conf still names the configured addresses.
         */
        public Builder listen(List<InetSocketAddress> value) {
            List<InetSocketAddress> copy = List.copyOf(value);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("listen: at least one address is needed");
            }
            return with(d -> d.listen = copy);
        }

        /** {@link #listen(List)} with the given addresses. */
        public Builder listen(InetSocketAddress... value) {
            return listen(List.of(value));
        }

        /** The scheduler for timers, health probes and the clock (default {@link Schedulers#parallel()}). */
        public Builder scheduler(Scheduler value) {
            Objects.requireNonNull(value, "scheduler");
            return with(d -> d.scheduler = value);
        }

        /**
         * How long each loop probe waits for its upstream at start and when upstreams are reconfigured; null
         * turns the loop check off (the check against our own bound addresses always runs).
         */
        public Builder loopCheck(@Nullable Duration probeTimeout) {
            if (probeTimeout != null && (probeTimeout.isNegative() || probeTimeout.isZero())) {
                throw new IllegalArgumentException("loopCheck timeout must be positive, was " + probeTimeout);
            }
            return with(d -> d.loopCheckTimeout = probeTimeout);
        }

        /**
         * The most upstream queries in flight at once per configuration (below the cache, over all routes); a miss
         * past it fails at once (SERVFAIL with EDE 0, or a stale answer) instead of queueing. Default 1000, as
         * CoreDNS.
         */
        public Builder maxUpstreamQueries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxUpstreamQueries must be >= 1, was " + max);
            }
            return with(d -> d.maxUpstreamQueries = max);
        }

        /**
         * How often followed files are checked for a change: {@code hostDNS.hostsFiles} and the file of
         * {@link HostDnsForwarder#reloadFrom}. Default 5 s, as CoreDNS' {@code reload} and {@code hosts} plugins.
         */
        public Builder pollInterval(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, was " + value);
            }
            return with(d -> d.pollInterval = value);
        }

        /**
         * A per-client rate limit on every listener (see {@link ClientRateLimit}) instead of the configuration's
         * {@code hostDNS.rateLimit}; null (the default) keeps the configuration's.
         */
        public Builder rateLimit(@Nullable ClientRateLimit limit) {
            return with(d -> d.rateLimit = limit);
        }

        /**
         * The clock of the cache's freshness, in nanoseconds (default: the system ticker read every 100 ms). Tests
         * give a ticker they move by hand to run TTLs in virtual time.
         */
        public Builder ticker(Ticker value) {
            Objects.requireNonNull(value, "ticker");
            return with(d -> d.ticker = value);
        }

        /**
         * How the client of each configured upstream is made (default: an {@code UpstreamFactory} on the
         * forwarder's event loops with its TLS trust), e.g. to set client options or to script upstreams in tests.
         */
        public Builder upstreamClients(UpstreamClients value) {
            Objects.requireNonNull(value, "upstreamClients");
            return with(d -> d.clients = value);
        }

        /**
         * Builds and starts the forwarder when subscribed: upstream clients, stages, listeners, the loop checks,
         * and resolv.conf when the configuration says to write it. Emits the running forwarder, or fails (with
         * everything it opened closed again) when the configuration is not {@code enabled}, no listener could bind,
         * an upstream loops ({@link LoopException}), or resolv.conf cannot be written.
         */
        public Mono<HostDnsForwarder> start() {
            return HostDnsForwarder.start(settings);
        }
    }

    /**
     * One stage of a running forwarder's pipeline, as {@link HostDnsForwarder#stages()} lists them, the start-up
     * log prints them and {@code hostdns query --trace} shows them.
     *
     * @param name   the stage, e.g. {@code hosts}, {@code cache}, {@code routes}: the name its trace events carry
     * @param detail what it does under the configuration in force, e.g. {@code maxEntries 10000, TTL 5s-1h}
     */
    public record StageDescription(String name, String detail) {

        public StageDescription {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return detail.isEmpty() ? name : name + " (" + detail + ")";
        }
    }

    /**
     * How a forwarder makes the client of each configured upstream: by default an {@link UpstreamFactory} on the
     * forwarder's event loops and TLS trust ({@code factory::create}). The forwarder puts its own stack on top
     * (health, attempt timeout, sanitizer) and disposes a client that is a {@link reactor.core.Disposable} when
     * its configuration is retired. Called off event loops (making a TLS client reads files).
     */
    @FunctionalInterface
    public interface UpstreamClients {

        /**
         * The client of {@code spec}, the upstream at {@code index} of its list (the index its {@code UpstreamId}
         * carries).
         */
        Upstream create(int index, UpstreamSpec spec);
    }

    /**
     * An upstream sends our queries back to us: it is one of our own listen addresses, or a loop probe sent to it
     * came back into one of our listeners (CoreDNS' {@code loop} plugin idea). Forwarding through it would
     * bounce every query until its deadline, so the forwarder refuses to start (or to take the new
     * configuration) with it.
     */
    public static final class LoopException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final transient List<UpstreamId> upstreams;

        public LoopException(List<UpstreamId> upstreams, String message) {
            super(message);
            this.upstreams = List.copyOf(upstreams);
        }

        /** The upstreams that loop. */
        public List<UpstreamId> upstreams() {
            return upstreams;
        }
    }
}
