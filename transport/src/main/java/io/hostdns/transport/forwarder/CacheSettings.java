package io.hostdns.transport.forwarder;

import io.hostdns.core.cache.CacheOptions;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.time.Duration;

/** Maps the {@code hostDNS.cache} section (and the DNSSEC bogus TTL) onto the cache's {@link CacheOptions}. */
final class CacheSettings {

    /** RFC 8767's recommendation for how long to answer stale without asking again after a failed refresh. */
    private static final Duration STALE_FAILURE_RECHECK = Duration.ofSeconds(30);

    private CacheSettings() {
    }

    /**
     * The options for {@code config}: its size and clamps, negative answers without SOA kept for the lower
     * negative clamp, and DNSSEC failures for {@code bogusTtl} (the {@code hostDNS.dnssec} section's).
     */
    static CacheOptions from(HostDnsConfig.Cache config, Duration bogusTtl) {
        CacheOptions.Negative negative = new CacheOptions.Negative(config.negativeMinTtl(), config.negativeMaxTtl(),
                config.negativeMinTtl(), config.servfailTtl(), bogusTtl);
        CacheOptions.ServeStale stale = new CacheOptions.ServeStale(config.serveStale(), config.maxStale(),
                config.staleAnswerTimeout(), config.staleAnswerTtl(), STALE_FAILURE_RECHECK);
        return new CacheOptions(config.maxEntries(), 0, config.minTtl(), config.maxTtl(), negative, stale,
                config.prefetch() ? CacheOptions.Prefetch.DEFAULTS : CacheOptions.Prefetch.DISABLED);
    }
}
