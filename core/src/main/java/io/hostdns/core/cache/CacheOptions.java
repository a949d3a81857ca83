package io.hostdns.core.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link CachingResolver} caches and for how long: the data half of its configuration (the
 * clock, scheduler and executor are given to {@link CacheStoreBuilder} or {@link CachingResolverBuilder}).
 *
 * @param maximumEntries     bound on the number of entries (W-TinyLFU eviction beyond it); ignored when
 *                           {@code maximumWeightBytes} is set, since Caffeine bounds by one or the other
 * @param maximumWeightBytes when > 0, bound on the estimated heap bytes of all entries instead of their
 *                           count (see {@link CachingResolver} for the estimate); 0 = bound by count
 * @param minTtl             lower clamp of positive TTLs (default 5 s; 0 allowed for pure TTLs)
 * @param maxTtl             upper clamp of positive TTLs (default 3600 s)
 * @param negative           NXDOMAIN / NODATA / SERVFAIL caching
 * @param stale              serve-stale
 * @param prefetch           refresh-ahead
 */
public record CacheOptions(long maximumEntries, long maximumWeightBytes, Duration minTtl, Duration maxTtl,
                           NegativeCachePolicy negative, ServeStalePolicy stale, PrefetchPolicy prefetch) {

    /** 10 000 entries, TTL 5 s to 1 h, the default negative, stale and prefetch policies. */
    public static final CacheOptions DEFAULTS = new CacheOptions(10_000, 0, Duration.ofSeconds(5),
            Duration.ofHours(1), NegativeCachePolicy.DEFAULTS, ServeStalePolicy.DEFAULTS, PrefetchPolicy.DEFAULTS);

    public CacheOptions {
        if (maximumEntries < 0) {
            throw new IllegalArgumentException("maximumEntries must be >= 0, was " + maximumEntries);
        }
        if (maximumWeightBytes < 0) {
            throw new IllegalArgumentException("maximumWeightBytes must be >= 0, was " + maximumWeightBytes);
        }
        requireTtlRange("positive", minTtl, maxTtl);
        Objects.requireNonNull(negative, "negative");
        Objects.requireNonNull(stale, "stale");
        Objects.requireNonNull(prefetch, "prefetch");
    }

    /** A copy bounded to {@code entries} entries. */
    public CacheOptions withMaximumEntries(long entries) {
        return new CacheOptions(entries, maximumWeightBytes, minTtl, maxTtl, negative, stale, prefetch);
    }

    /** A copy bounded by estimated bytes instead of entries; 0 goes back to the entry bound. */
    public CacheOptions withMaximumWeightBytes(long bytes) {
        return new CacheOptions(maximumEntries, bytes, minTtl, maxTtl, negative, stale, prefetch);
    }

    /** A copy with another clamp of positive TTLs. */
    public CacheOptions withTtlRange(Duration min, Duration max) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, min, max, negative, stale, prefetch);
    }

    /** A copy with another negative caching policy. */
    public CacheOptions withNegative(NegativeCachePolicy policy) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, minTtl, maxTtl, policy, stale, prefetch);
    }

    /** A copy with another serve-stale policy. */
    public CacheOptions withStale(ServeStalePolicy policy) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, minTtl, maxTtl, negative, policy, prefetch);
    }

    /** A copy with another prefetch policy. */
    public CacheOptions withPrefetch(PrefetchPolicy policy) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, minTtl, maxTtl, negative, stale, policy);
    }

    static void requireNonNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }

    static void requireTtlRange(String what, Duration min, Duration max) {
        requireNonNegative(what + " minTtl", min);
        requireNonNegative(what + " maxTtl", max);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " minTtl " + min + " exceeds maxTtl " + max);
        }
        if (max.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " maxTtl must fit a DNS TTL, was " + max);
        }
    }
}
