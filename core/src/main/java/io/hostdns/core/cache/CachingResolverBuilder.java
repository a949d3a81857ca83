package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Resolver;
import java.util.concurrent.Executor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builds a {@link CachingResolver}; immutable: every method returns a new builder. Start from
 * {@link CachingResolver#builder(Resolver)}.
 */
public final class CachingResolverBuilder {

    private final Resolver delegate;
    private final CacheStoreBuilder store;

    CachingResolverBuilder(Resolver delegate, CacheStoreBuilder store) {
        this.delegate = delegate;
        this.store = store;
    }

    /** What to cache and for how long (default {@link CacheOptions#DEFAULTS}). */
    public CachingResolverBuilder options(CacheOptions newOptions) {
        return new CachingResolverBuilder(delegate, store.options(newOptions));
    }

    /**
     * The clock of freshness, in nanoseconds, read on every hit. By default the system ticker read
     * every 10 ms by a periodic task on the scheduler (a {@code System.nanoTime()} per hit would
     * cost more than the rest of the hit); the cache's {@link CachingResolver#dispose()} stops it.
     */
    public CachingResolverBuilder ticker(Ticker newTicker) {
        return new CachingResolverBuilder(delegate, store.ticker(newTicker));
    }

    /**
     * Where the stale answer timeout and the default ticker's periodic read run (default
     * {@link Schedulers#parallel()}, taken at build time).
     */
    public CachingResolverBuilder scheduler(Scheduler newScheduler) {
        return new CachingResolverBuilder(delegate, store.scheduler(newScheduler));
    }

    /** Where Caffeine runs maintenance (default its own: the common pool); tests use {@code Runnable::run}. */
    public CachingResolverBuilder executor(Executor newExecutor) {
        return new CachingResolverBuilder(delegate, store.executor(newExecutor));
    }

    /** A new cache; with the default ticker it owns a periodic task until {@link CachingResolver#dispose()}. */
    public CachingResolver build() {
        return new CachingResolver(store.build(), delegate);
    }
}
