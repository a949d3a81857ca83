package io.hostdns.core.dnssec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * What the chain of trust found, by name: for a zone apex its keys (or that it is insecure or bogus), and
 * for a name inside a zone the keys of the zone that governs it. Each entry lives for its
 * {@link ZoneKeys#ttlSeconds()}; at most {@value #MAX_ENTRIES} entries. Maintenance runs on the calling
 * thread (no pool involved).
 */
final class KeyCache {

    static final int MAX_ENTRIES = 10_000;

    private final Cache<Name, ZoneKeys> entries;

    KeyCache(Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<Name, ZoneKeys>() {
                    @Override
                    public long expireAfterCreate(Name name, ZoneKeys keys, long now) {
                        return TimeUnit.SECONDS.toNanos(keys.ttlSeconds());
                    }

                    @Override
                    public long expireAfterUpdate(Name name, ZoneKeys keys, long now, long current) {
                        return TimeUnit.SECONDS.toNanos(keys.ttlSeconds());
                    }

                    @Override
                    public long expireAfterRead(Name name, ZoneKeys keys, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Nullable ZoneKeys get(Name name) {
        return entries.getIfPresent(name);
    }

    /** Keeps {@code keys} for {@code name} unless they may not be cached (an indeterminate result). */
    void put(Name name, ZoneKeys keys) {
        if (keys.ttlSeconds() > 0) {
            entries.put(name, keys);
        }
    }
}
