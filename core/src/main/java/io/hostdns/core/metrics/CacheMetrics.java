package io.hostdns.core.metrics;

import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.cache.CoalescingResolver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cache's counters as Micrometer meters, read from its {@link CacheStats} snapshot when scraped:
 * function counters {@code hostdns.cache.hits}, {@code hostdns.cache.misses}, {@code hostdns.cache.stale}
 * (stale answers served), {@code hostdns.cache.prefetches}, {@code hostdns.cache.evictions},
 * {@code hostdns.cache.refresh.failures}, and the gauge {@code hostdns.cache.size}. For a
 * {@link CoalescingResolver} (under a cache or alone): {@code hostdns.coalesced.queries} (queries that joined
 * an identical one in flight) and the gauge {@code hostdns.coalesced.inflight}.
 * Extra tags (e.g. {@code cache=forwarder}) tell several caches apart. The meters read the live object;
 * once it is garbage collected they report NaN.
 */
final class CacheMetrics implements MeterBinder {

    /** A {@link CachingResolver}: the meters hold it weakly and read its stats. */
    private final @Nullable CachingResolver cache;
    private final @Nullable CoalescingResolver coalescer;
    private final Tags tags;

    private CacheMetrics(@Nullable CachingResolver cache, @Nullable CoalescingResolver coalescer, Iterable<Tag> tags) {
        this.cache = cache;
        this.coalescer = coalescer;
        this.tags = Tags.of(tags);
    }

    /** Meters over {@code cache}, with {@code tags} added to each. */
    static CacheMetrics of(CachingResolver cache, Tag... tags) {
        return new CacheMetrics(Objects.requireNonNull(cache, "cache"), null, Tags.of(tags));
    }

    /** Meters over a stand-alone {@code coalescer}, with {@code tags} added to each. */
    static CacheMetrics of(CoalescingResolver coalescer, Tag... tags) {
        return new CacheMetrics(null, Objects.requireNonNull(coalescer, "coalescer"), Tags.of(tags));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CachingResolver c = cache;
        if (c != null) {
            counter(registry, c, "hostdns.cache.hits", "queries answered from a fresh entry", CacheStats::hits);
            counter(registry, c, "hostdns.cache.misses", "queries that found no fresh entry", CacheStats::misses);
            counter(registry, c, "hostdns.cache.stale", "stale answers served (RFC 8767)", CacheStats::staleServed);
            counter(registry, c, "hostdns.cache.prefetches", "refresh-ahead refreshes started", CacheStats::prefetches);
            counter(registry, c, "hostdns.cache.evictions", "entries removed by size or expiry", CacheStats::evictions);
            counter(registry, c, "hostdns.cache.refresh.failures", "background refreshes that failed",
                    CacheStats::refreshFailures);
            Gauge.builder("hostdns.cache.size", c, o -> o.stats().size())
                    .description("entries held, including expired ones kept for serve-stale")
                    .tags(tags).register(registry);
        }
        if (coalescer != null) {
            FunctionCounter.builder("hostdns.coalesced.queries", coalescer, CoalescingResolver::coalescedQueries)
                    .description("queries that joined an identical one in flight").tags(tags).register(registry);
            Gauge.builder("hostdns.coalesced.inflight", coalescer, CoalescingResolver::inFlight)
                    .description("distinct queries in flight").tags(tags).register(registry);
        }
    }

    private void counter(MeterRegistry registry, CachingResolver c, String name, String description,
                         ToDoubleFunction<CacheStats> value) {
        FunctionCounter.builder(name, c, o -> value.applyAsDouble(o.stats()))
                .description(description).tags(tags).register(registry);
    }
}
