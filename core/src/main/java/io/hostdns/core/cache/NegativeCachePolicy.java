package io.hostdns.core.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long answers that say "no" are cached.
 *
 * <p>NXDOMAIN and NODATA (NOERROR without answer records) are cached for {@code min(SOA TTL, SOA
 * MINIMUM)} of the SOA in the authority section (RFC 2308 section 5), clamped to {@code [minTtl,
 * maxTtl]}; a negative answer without an SOA is cached for {@code defaultTtl} (not clamped). SERVFAIL
 * is cached for {@code servfailTtl} (RFC 2308 section 7.1 allows up to 5 minutes; we keep it short so a
 * recovered upstream is noticed quickly); {@link Duration#ZERO} disables it.
 *
 * @param minTtl      lower clamp of the SOA-derived TTL (default 5 s)
 * @param maxTtl      upper clamp of the SOA-derived TTL (default 10 s, the host-DNS choice)
 * @param defaultTtl  TTL of a negative answer without SOA (default 5 s); zero disables caching it
 * @param servfailTtl TTL of a SERVFAIL answer (default 5 s); zero disables caching it
 */
public record NegativeCachePolicy(Duration minTtl, Duration maxTtl, Duration defaultTtl, Duration servfailTtl) {

    /** 5 s to 10 s from the SOA, 5 s without SOA, SERVFAIL 5 s. */
    public static final NegativeCachePolicy DEFAULTS = new NegativeCachePolicy(
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5));

    public NegativeCachePolicy {
        CacheOptions.requireTtlRange("negative", minTtl, maxTtl);
        CacheOptions.requireNonNegative("negative defaultTtl", defaultTtl);
        CacheOptions.requireNonNegative("servfailTtl", servfailTtl);
    }

    /** A copy with another clamp of the SOA-derived TTL. */
    public NegativeCachePolicy withTtlRange(Duration min, Duration max) {
        return new NegativeCachePolicy(min, max, defaultTtl, servfailTtl);
    }

    /** A copy with another TTL for negative answers without SOA. */
    public NegativeCachePolicy withDefaultTtl(Duration ttl) {
        return new NegativeCachePolicy(minTtl, maxTtl, Objects.requireNonNull(ttl, "ttl"), servfailTtl);
    }

    /** A copy with another SERVFAIL TTL; zero disables caching SERVFAIL. */
    public NegativeCachePolicy withServfailTtl(Duration ttl) {
        return new NegativeCachePolicy(minTtl, maxTtl, defaultTtl, Objects.requireNonNull(ttl, "ttl"));
    }
}
