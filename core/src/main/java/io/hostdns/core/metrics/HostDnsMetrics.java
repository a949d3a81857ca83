package io.hostdns.core.metrics;

import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.cache.CoalescingResolver;
import io.hostdns.core.upstream.UpstreamGroup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Micrometer meters for a hostdns pipeline, one static binder per piece:
 * <pre>{@code
 * Resolver metered = HostDnsMetrics.metered(pipeline, registry);         // top of the pipeline
 * Upstream timed = HostDnsMetrics.timed(upstream, registry);             // before building the group
 * HostDnsMetrics.upstreams(group).bindTo(registry);
 * HostDnsMetrics.cache(cache, Tag.of("cache", "app")).bindTo(registry);
 * }</pre>
 * Names follow Micrometer conventions ({@code hostdns.queries}, {@code hostdns.cache.hits}), tag values are
 * lower-case. The binders over a group, cache or coalescer read the live object when scraped and hold it
 * weakly: once it is garbage collected, its meters report NaN.
 */
public final class HostDnsMetrics {

    private HostDnsMetrics() {
    }

    /**
     * {@code resolver} counting every resolution that passes through it: {@code hostdns.queries} (tags
     * {@code rcode}, {@code source}), {@code hostdns.query.errors} (tag {@code kind}: timeout, unreachable,
     * network, malformed, all_down), {@code hostdns.query.duration} (timer, tag {@code source}) and
     * {@code hostdns.query.upstream.attempts} (summary: more than 1 means a hedge or fallback fired). A
     * cancelled resolution is not counted; answers and errors pass unchanged.
     */
    public static Resolver metered(Resolver resolver, MeterRegistry registry) {
        return new MeteredResolver(resolver, registry);
    }

    /**
     * {@code upstream} with every response it returns timed in {@code hostdns.upstream.rtt} (p50, p95, p99 and a
     * histogram; tags {@code upstream}, {@code protocol}); errors and cancelled attempts are not timed.
     */
    public static Upstream timed(Upstream upstream, MeterRegistry registry) {
        return UpstreamMetrics.timed(upstream, registry);
    }

    /**
     * The health of {@code group}'s upstreams: {@code hostdns.upstream.failures} (per upstream and {@code kind})
     * and the gauge {@code hostdns.upstream.state} (0 healthy, 1 degraded, 2 down).
     */
    public static MeterBinder upstreams(UpstreamGroup group) {
        return new UpstreamMetrics(Objects.requireNonNull(group, "group"));
    }

    /**
     * {@code cache}'s counters: {@code hostdns.cache.hits}, {@code .misses}, {@code .stale}, {@code .prefetches},
     * {@code .evictions}, {@code .refresh.failures} and the gauge {@code hostdns.cache.size}, each with
     * {@code tags} (e.g. {@code cache=app}) to tell several caches apart.
     */
    public static MeterBinder cache(CachingResolver cache, Tag... tags) {
        return CacheMetrics.of(cache, tags);
    }

    /**
     * {@code coalescer}'s counters: {@code hostdns.coalesced.queries} (queries that joined an identical one in
     * flight) and the gauge {@code hostdns.coalesced.inflight}, each with {@code tags}.
     */
    public static MeterBinder coalescing(CoalescingResolver coalescer, Tag... tags) {
        return CacheMetrics.of(coalescer, tags);
    }
}
