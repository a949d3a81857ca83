package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.search.ResolvConf;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
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
 * loop probes, disableIPv6, hosts, members, cache, coalescing, the concurrency cap, the routes to the upstream
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

    private HostDnsForwarder(ForwarderCore core) {
        this.core = core;
        this.traced = query -> core.current().resolve(query);
        this.reconfigurer = reconfigurations.asFlux().concatMap(job -> job).subscribe();
    }

    /** A builder for a forwarder of {@code config}. */
    public static HostDnsForwarderBuilder builder(HostDnsConfig config) {
        return new HostDnsForwarderBuilder(config);
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
            Sinks.One<Void> done = Sinks.one();
            Mono<Void> job = Mono.defer(() -> core.reconfigure(config))
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
        });
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
     * them): {@code loop-probe}, {@code ipv6-disabled} with disableIPv6, {@code hosts}, {@code members} with
     * resolveMemberNames and a member source, {@code cache} unless cache.maxEntries is 0, {@code coalesce},
     * {@code cap}, and {@code routes}, which sends each query to its upstream group.
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
     * @return the file's content as data; {@link ResolvConfGenerator#render} makes the text.
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
        }).doFinally(s -> reconfigurer.dispose()).cache();
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
}
