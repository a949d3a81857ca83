package io.hostdns.transport.forwarder;

import static io.hostdns.transport.forwarder.TracingResolvers.answeredAs;
import static io.hostdns.transport.forwarder.TracingResolvers.passedOn;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.cache.CoalescingResolver;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.MemberNamesResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.CacheConfig;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The one place where the forwarder's pipeline is put together, like CoreDNS' plugin chain. A query goes
 * <pre>
 *   loop probe check          our own loop probes coming back are counted and answered here
 *   → disableIPv6             AAAA answered NODATA locally (only when IPv6 is disabled)
 *   → static hosts            config entries and the node's own names: A, AAAA, PTR, NODATA for owned names
 *   → member names            cluster members (only with resolveMemberNames)
 *   → cache                   CachingResolver: TTL clamps, negative caching, serve-stale, prefetch
 *   → coalescing              identical misses share one upstream query (traced queries go alone)
 *   → routing                 the longest matching hostDNS.routes domain, else the default resolvers
 *   → concurrency cap         ConcurrencyLimitResolver: past maxUpstreamQueries a miss fails at once
 *   → upstream group          health-ordered, hedged, fallback on SERVFAIL/REFUSED, attempt and overall deadlines
 *   → per upstream            SanitizingResolver: undecodable answers fail, records off the question's chain go
 * </pre>
 * Two chains are built from the same parts: a plain one for the listeners, and one where every stage is
 * wrapped by a {@link TracingResolvers} decorator, for queries that carry a {@link QueryTrace}. Below the cache
 * (misses only) the decorators are shared and look the trace up in the Context; upstream attempts are always
 * wrapped, and record only when a trace is present.
 *
 * <p>The parts that outlive a reconfiguration are given here once: the upstream switch (which always
 * forwards to the current {@link UpstreamRoutes}), the member resolver, the loop detector. A cache is made
 * per cache configuration; everything else per {@link #assemble}.
 */
final class PipelineAssembly {

    private final Scheduler scheduler;
    private final LoopDetector loops;
    private final Resolver upstreams;
    private final Resolver coalescedUpstreams;
    private final CoalescingResolver coalescer;
    private final @Nullable MemberNamesResolver members;

    /**
     * @param upstreams the switch to the current upstream routes
     * @param members   the member names resolver (forwarding to the current pipeline's
     *                  {@link Pipeline#belowMembers()}), or null when no member source was given
     */
    PipelineAssembly(Scheduler scheduler, LoopDetector loops, Resolver upstreams, @Nullable MemberNamesResolver members) {
        this.scheduler = scheduler;
        this.loops = loops;
        this.upstreams = upstreams;
        this.members = members;
        this.coalescer = new CoalescingResolver(upstreams);
        // The coalescer subscribes to the shared call outside any caller's Context: a traced query goes
        // alone so that its upstream attempts are recorded.
        this.coalescedUpstreams = query -> Mono.deferContextual(context ->
                QueryTrace.current(context) == null ? coalescer.resolve(query) : upstreams.resolve(query));
    }

    /** A new cache for {@code config} over the coalesced upstreams; null when the config disables caching. */
    @Nullable CachingResolver newCache(CacheConfig config) {
        if (config.maxEntries() == 0) {
            return null;
        }
        return CachingResolver.builder(passedOn("cache", "miss", coalescedUpstreams))
                .options(CacheSettings.from(config))
                .scheduler(scheduler)
                // Caffeine's upkeep (draining its read buffers after hits) on the calling event loop: by
                // default it goes to the ForkJoin common pool, and waking a pool thread every few dozen hits
                // cost more CPU per cache hit than the lookup itself (futex wake-ups under dnsperf).
                .executor(Runnable::run)
                .build();
    }

    /**
     * The pipeline of {@code config} with these static hosts, this cache (or none) and these upstream routes:
     * a plain chain for the listeners, and the same chain with tracing decorators for traced queries.
     */
    Pipeline assemble(HostDnsConfig config, StaticHosts hosts, @Nullable CachingResolver cache, UpstreamRoutes routes) {
        Resolver plainBelowMembers = cache == null ? upstreams : cache;
        Resolver tracedBelowMembers = cache == null ? passedOn("cache", "disabled", upstreams) : TracingResolvers.cache(cache);
        Resolver plain = chain(config, hosts, plainBelowMembers, false);
        Resolver traced = chain(config, hosts, tracedBelowMembers, true);
        return new Pipeline(config, plain, traced, plainBelowMembers, tracedBelowMembers, cache, hosts, routes);
    }

    private Resolver chain(HostDnsConfig config, StaticHosts hosts, Resolver belowMembers, boolean traced) {
        Resolver chain = belowMembers;
        if (config.resolveMemberNames() && members != null) {
            chain = traced ? answeredAs("members", AnswerSource.Kind.MEMBER, "", members) : members;
        }
        chain = traced
                ? answeredAs("hosts", AnswerSource.Kind.HOSTS, "", new HostsResolver(hosts, passedOn("hosts", "", chain)))
                : new HostsResolver(hosts, chain);
        if (config.disableIPv6()) {
            chain = traced ? answeredAs("ipv6", AnswerSource.Kind.LOCAL, "AAAA disabled", new Ipv6Disabled(chain))
                    : new Ipv6Disabled(chain);
        }
        return loops.stage(chain);
    }

    /** Subscriptions that joined an identical upstream query already in flight. */
    long coalescedQueries() {
        return coalescer.coalescedQueries();
    }
}
