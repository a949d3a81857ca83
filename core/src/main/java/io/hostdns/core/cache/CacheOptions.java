package io.hostdns.core.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link CachingResolver} caches and for how long: the data half of its configuration (the
 * clock, scheduler and executor are given to {@link CachingResolver.Builder}).
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
                           Negative negative, ServeStale stale, Prefetch prefetch) {

    /** 10 000 entries, TTL 5 s to 1 h, the default negative, stale and prefetch policies. */
    public static final CacheOptions DEFAULTS = new CacheOptions(10_000, 0, Duration.ofSeconds(5),
            Duration.ofHours(1), Negative.DEFAULTS, ServeStale.DEFAULTS, Prefetch.DEFAULTS);

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
    public CacheOptions withNegative(Negative policy) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, minTtl, maxTtl, policy, stale, prefetch);
    }

    /** A copy with another serve-stale policy. */
    public CacheOptions withStale(ServeStale policy) {
        return new CacheOptions(maximumEntries, maximumWeightBytes, minTtl, maxTtl, negative, policy, prefetch);
    }

    /** A copy with another prefetch policy. */
    public CacheOptions withPrefetch(Prefetch policy) {
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

    /**
     * How long answers that say "no" are cached.
     *
     * <p>NXDOMAIN and NODATA (NOERROR without answer records) are cached for {@code min(SOA TTL, SOA
     * MINIMUM)} of the SOA in the authority section (RFC 2308 section 5), clamped to {@code [minTtl,
     * maxTtl]}; a negative answer without an SOA is cached for {@code defaultTtl} (not clamped). SERVFAIL
     * is cached for {@code servfailTtl} (RFC 2308 section 7.1 allows up to 5 minutes; we keep it short so a
     * recovered upstream is noticed quickly); {@link Duration#ZERO} disables it. A SERVFAIL that says it is a
     * DNSSEC failure (its first Extended DNS Error, RFC 8914, is one of codes 1 to 12, as a
     * {@link io.hostdns.core.dnssec.ValidatingResolver} answers a bogus or indeterminate verdict) is cached for
     * {@code bogusTtl} instead (RFC 9520 section 3.2: resolution failures cached briefly, by default 5 s).
     *
     * @param minTtl      lower clamp of the SOA-derived TTL (default 5 s)
     * @param maxTtl      upper clamp of the SOA-derived TTL (default 10 s, the host-DNS choice)
     * @param defaultTtl  TTL of a negative answer without SOA (default 5 s); zero disables caching it
     * @param servfailTtl TTL of a SERVFAIL answer (default 5 s); zero disables caching it
     * @param bogusTtl    TTL of a SERVFAIL answer for a DNSSEC failure (default 5 s); zero disables caching it
     */
    public record Negative(Duration minTtl, Duration maxTtl, Duration defaultTtl, Duration servfailTtl,
                           Duration bogusTtl) {

        /** 5 s to 10 s from the SOA, 5 s without SOA, SERVFAIL 5 s, DNSSEC failures 5 s. */
        public static final Negative DEFAULTS = new Negative(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5));

        public Negative {
            CacheOptions.requireTtlRange("negative", minTtl, maxTtl);
            CacheOptions.requireNonNegative("negative defaultTtl", defaultTtl);
            CacheOptions.requireNonNegative("servfailTtl", servfailTtl);
            CacheOptions.requireNonNegative("bogusTtl", bogusTtl);
        }

        /** As the canonical constructor, DNSSEC failures kept 5 s. */
        public Negative(Duration minTtl, Duration maxTtl, Duration defaultTtl, Duration servfailTtl) {
            this(minTtl, maxTtl, defaultTtl, servfailTtl, Duration.ofSeconds(5));
        }

        /** A copy with another clamp of the SOA-derived TTL. */
        public Negative withTtlRange(Duration min, Duration max) {
            return new Negative(min, max, defaultTtl, servfailTtl, bogusTtl);
        }

        /** A copy with another TTL for negative answers without SOA. */
        public Negative withDefaultTtl(Duration ttl) {
            return new Negative(minTtl, maxTtl, Objects.requireNonNull(ttl, "ttl"), servfailTtl, bogusTtl);
        }

        /** A copy with another SERVFAIL TTL; zero disables caching SERVFAIL. */
        public Negative withServfailTtl(Duration ttl) {
            return new Negative(minTtl, maxTtl, defaultTtl, Objects.requireNonNull(ttl, "ttl"), bogusTtl);
        }

        /** A copy with another TTL for SERVFAIL answers of DNSSEC failures; zero disables caching them. */
        public Negative withBogusTtl(Duration ttl) {
            return new Negative(minTtl, maxTtl, defaultTtl, servfailTtl, Objects.requireNonNull(ttl, "ttl"));
        }
    }

    /**
     * Serve-stale (RFC 8767): answering from an expired entry when the delegate fails or is slow.
     *
     * <p>When enabled, expired entries stay in the cache for {@code maxStaleAge} beyond their expiry.
     * A query that finds only such an entry asks the delegate in the background; if the delegate fails
     * (an error, or SERVFAIL) or has not answered within {@code answerTimeout}, the caller gets the stale
     * answer with every TTL set to {@code answerTtl} and an Extended DNS Error (RFC 8914) 3 "Stale
     * Answer" (19 "Stale NXDOMAIN Answer" for NXDOMAIN). The background query keeps running and refreshes
     * the entry when it answers. After a failed refresh, the delegate is not asked again for that entry
     * for {@code failureRecheck}; stale answers are served at once meanwhile.
     *
     * @param enabled        whether stale answers are served at all
     * @param maxStaleAge    how long past expiry an entry may be served (RFC 8767 suggests 1 to 3 days)
     * @param answerTimeout  how long to wait for the delegate before answering stale; zero answers stale
     *                       at once and refreshes in the background (RFC 8767 suggests 1.8 s)
     * @param answerTtl      TTL written into stale answers (RFC 8767: 30 s)
     * @param failureRecheck how long after a failed refresh to answer stale without asking (RFC 8767: 30 s)
     */
    public record ServeStale(boolean enabled, Duration maxStaleAge, Duration answerTimeout,
                                   Duration answerTtl, Duration failureRecheck) {

        /** Enabled: 1 day, 1.8 s, TTL 30 s, recheck 30 s. */
        public static final ServeStale DEFAULTS = new ServeStale(true, Duration.ofDays(1),
                Duration.ofMillis(1800), Duration.ofSeconds(30), Duration.ofSeconds(30));

        /** Serve-stale off: expired entries leave the cache at expiry. */
        public static final ServeStale DISABLED = DEFAULTS.withEnabled(false);

        public ServeStale {
            CacheOptions.requireNonNegative("maxStaleAge", maxStaleAge);
            CacheOptions.requireNonNegative("staleAnswerTimeout", answerTimeout);
            CacheOptions.requireNonNegative("staleAnswerTtl", answerTtl);
            CacheOptions.requireNonNegative("staleFailureRecheck", failureRecheck);
            if (answerTtl.getSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("staleAnswerTtl must fit a DNS TTL, was " + answerTtl);
            }
        }

        /** A copy switched on or off. */
        public ServeStale withEnabled(boolean on) {
            return new ServeStale(on, maxStaleAge, answerTimeout, answerTtl, failureRecheck);
        }

        /** A copy with another maximum stale age. */
        public ServeStale withMaxStaleAge(Duration age) {
            return new ServeStale(enabled, age, answerTimeout, answerTtl, failureRecheck);
        }

        /** A copy with another stale answer timeout (zero: answer stale at once). */
        public ServeStale withAnswerTimeout(Duration timeout) {
            return new ServeStale(enabled, maxStaleAge, timeout, answerTtl, failureRecheck);
        }

        /** A copy with another TTL for stale answers. */
        public ServeStale withAnswerTtl(Duration ttl) {
            return new ServeStale(enabled, maxStaleAge, answerTimeout, ttl, failureRecheck);
        }

        /** A copy with another failure recheck interval. */
        public ServeStale withFailureRecheck(Duration recheck) {
            return new ServeStale(enabled, maxStaleAge, answerTimeout, answerTtl, recheck);
        }
    }

    /**
     * Prefetch (refresh-ahead): a hit in the last {@code thresholdPercent} of an entry's TTL, on an entry
     * hit at least {@code minHits} times, starts one background refresh of that entry, so popular names
     * never expire. Never two refreshes of one key at once. SERVFAIL entries are not prefetched.
     *
     * @param thresholdPercent the final share of the TTL in which a hit triggers a refresh, 0 (off) to 100
     * @param minHits          hits an entry needs (counting the triggering one) before it is prefetched,
     *                         1 to 1 000 000
     */
    public record Prefetch(int thresholdPercent, int minHits) {

        /** Last 10 % of the TTL, from the first hit. */
        public static final Prefetch DEFAULTS = new Prefetch(10, 1);

        /** No prefetch. */
        public static final Prefetch DISABLED = new Prefetch(0, 1);

        public Prefetch {
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
}
