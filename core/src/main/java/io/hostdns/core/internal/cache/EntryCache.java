package io.hostdns.core.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CachingResolver;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The Caffeine cache under a {@link CachingResolver}: bounded by count or estimated bytes, each entry
 * kept until its own expiry plus the stale window (one timer wheel, no timer per entry).
 */
final class EntryCache {

    private EntryCache() {
    }

    /**
     * Builds the cache.
     *
     * @param staleNanos how long past expiry entries stay (0 without serve-stale)
     * @param evictions  counts entries removed by the bound or by expiry
     */
    static Cache<CacheKey, CacheEntry> build(CacheOptions options, Ticker ticker, @Nullable Executor executor,
                                          long staleNanos, LongAdder evictions) {
        Caffeine<CacheKey, CacheEntry> caffeine = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(new RetentionExpiry(staleNanos))
                .evictionListener((CacheKey key, CacheEntry entry, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        evictions.increment();
                    }
                });
        if (executor != null) {
            caffeine.executor(executor);
        }
        if (options.maximumWeightBytes() > 0) {
            caffeine.maximumWeight(options.maximumWeightBytes()).weigher(CacheEntry::weigh);
        } else {
            caffeine.maximumSize(options.maximumEntries());
        }
        return caffeine.build();
    }

    /**
     * Keeps an entry until its expiry plus the stale window. Caffeine asks for a duration from now;
     * the entry knows its absolute deadline, so storing the same entry again does not extend it. Keys are
     * typed {@code Object}: a read through a {@link QuestionProbe} hands the probe to {@code expireAfterRead}.
     */
    private record RetentionExpiry(long staleNanos) implements Expiry<Object, CacheEntry> {
        @Override
        public long expireAfterCreate(Object key, CacheEntry entry, long currentTime) {
            return Math.max(0, entry.retainUntil(staleNanos) - currentTime);
        }

        @Override
        public long expireAfterUpdate(Object key, CacheEntry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(Object key, CacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
