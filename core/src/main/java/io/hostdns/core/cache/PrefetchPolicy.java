package io.hostdns.core.cache;

/**
 * Prefetch (refresh-ahead): a hit in the last {@code thresholdPercent} of an entry's TTL, on an entry
 * hit at least {@code minHits} times, starts one background refresh of that entry, so popular names
 * never expire. Never two refreshes of one key at once. SERVFAIL entries are not prefetched.
 *
 * @param thresholdPercent the final share of the TTL in which a hit triggers a refresh, 0 (off) to 100
 * @param minHits          hits an entry needs (counting the triggering one) before it is prefetched,
 *                         1 to 1 000 000
 */
public record PrefetchPolicy(int thresholdPercent, int minHits) {

    /** Last 10 % of the TTL, from the first hit. */
    public static final PrefetchPolicy DEFAULTS = new PrefetchPolicy(10, 1);

    /** No prefetch. */
    public static final PrefetchPolicy DISABLED = new PrefetchPolicy(0, 1);

    public PrefetchPolicy {
        if (thresholdPercent < 0 || thresholdPercent > 100) {
            throw new IllegalArgumentException("prefetch thresholdPercent must be 0..100, was " + thresholdPercent);
        }
        if (minHits < 1 || minHits > 1_000_000) {
            throw new IllegalArgumentException("prefetch minHits must be 1..1000000, was " + minHits);
        }
    }

    /** Whether prefetch is on. */
    public boolean enabled() {
        return thresholdPercent > 0;
    }
}
