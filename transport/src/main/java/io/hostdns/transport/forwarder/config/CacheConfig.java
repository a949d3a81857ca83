package io.hostdns.transport.forwarder.config;

import static io.hostdns.transport.forwarder.config.Durations.requireBetween;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer cache of the forwarder ({@code hostDNS.cache}). Defaults follow Talos and DESIGN.md:
 * 10 000 entries, positive TTLs clamped to 5 s-1 h, negative TTLs (from the SOA) to 5-10 s so that
 * new names appear quickly, SERVFAIL kept 5 s, serve-stale and prefetch off.
 *
 * @param maxEntries         most answers kept; 0 disables caching (0-10 000 000)
 * @param minTtl             positive TTLs below this are raised to it
 * @param maxTtl             positive TTLs above this are lowered to it
 * @param negativeMinTtl     lower clamp for NXDOMAIN/NODATA
 * @param negativeMaxTtl     upper clamp for NXDOMAIN/NODATA
 * @param servfailTtl        how long a SERVFAIL answer is kept (RFC 2308 §7.1 allows up to 5 min); 0 = not cached
 * @param serveStale         answer from expired entries when the upstreams fail or are slow (RFC 8767)
 * @param maxStale           how long after expiry an entry may still be served stale
 * @param staleAnswerTimeout how long to wait for upstreams before answering stale (RFC 8767 suggests 1.8 s)
 * @param staleAnswerTtl     the TTL put on a stale answer (RFC 8767: 30 s)
 * @param prefetch           refresh popular entries shortly before they expire
 */
public record CacheConfig(int maxEntries, Duration minTtl, Duration maxTtl, Duration negativeMinTtl,
                          Duration negativeMaxTtl, Duration servfailTtl, boolean serveStale, Duration maxStale,
                          Duration staleAnswerTimeout, Duration staleAnswerTtl, boolean prefetch) {

    private static final String P = "hostDNS.cache.";
    private static final Duration DAY = Duration.ofDays(1);

    public CacheConfig {
        if (maxEntries < 0 || maxEntries > 10_000_000) {
            throw ConfigException.invalid(P + "maxEntries", maxEntries, "an integer from 0 (no cache) to 10000000");
        }
        requireBetween(P + "minTtl", Objects.requireNonNull(minTtl, "minTtl"), Duration.ZERO, DAY);
        requireBetween(P + "maxTtl", Objects.requireNonNull(maxTtl, "maxTtl"), Duration.ofSeconds(1), Duration.ofDays(7));
        if (maxTtl.compareTo(minTtl) < 0) {
            throw ConfigException.invalid(P + "maxTtl", Durations.format(maxTtl),
                    "at least " + P + "minTtl (" + Durations.format(minTtl) + ")");
        }
        requireBetween(P + "negativeMinTtl", Objects.requireNonNull(negativeMinTtl, "negativeMinTtl"), Duration.ZERO, DAY);
        requireBetween(P + "negativeMaxTtl", Objects.requireNonNull(negativeMaxTtl, "negativeMaxTtl"), Duration.ZERO, DAY);
        if (negativeMaxTtl.compareTo(negativeMinTtl) < 0) {
            throw ConfigException.invalid(P + "negativeMaxTtl", Durations.format(negativeMaxTtl),
                    "at least " + P + "negativeMinTtl (" + Durations.format(negativeMinTtl) + ")");
        }
        requireBetween(P + "servfailTtl", Objects.requireNonNull(servfailTtl, "servfailTtl"), Duration.ZERO,
                Duration.ofMinutes(5));
        requireBetween(P + "maxStale", Objects.requireNonNull(maxStale, "maxStale"), Duration.ZERO, Duration.ofDays(7));
        requireBetween(P + "staleAnswerTimeout", Objects.requireNonNull(staleAnswerTimeout, "staleAnswerTimeout"),
                Duration.ZERO, Duration.ofSeconds(30));
        requireBetween(P + "staleAnswerTtl", Objects.requireNonNull(staleAnswerTtl, "staleAnswerTtl"),
                Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /** The defaults described above. */
    public static CacheConfig defaults() {
        return new CacheConfig(10_000, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), false, DAY, Duration.ofMillis(1800),
                Duration.ofSeconds(30), false);
    }
}
