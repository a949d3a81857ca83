package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builds a {@link CacheStore}; immutable: every method returns a new builder. Start from
 * {@link CacheStore#builder()}; {@link CachingResolverBuilder} takes the same settings.
 */
public final class CacheStoreBuilder {

    final CacheOptions options;
    final @Nullable Ticker ticker;
    final @Nullable Scheduler scheduler;
    final @Nullable Executor executor;

    CacheStoreBuilder(CacheOptions options, @Nullable Ticker ticker, @Nullable Scheduler scheduler,
                      @Nullable Executor executor) {
        this.options = options;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** What to cache and for how long (default {@link CacheOptions#DEFAULTS}). */
    public CacheStoreBuilder options(CacheOptions newOptions) {
        return new CacheStoreBuilder(Objects.requireNonNull(newOptions, "options"), ticker, scheduler, executor);
    }

    /**
     * The clock of freshness, in nanoseconds, read on every hit. By default the system ticker read
     * every 10 ms by a periodic task on the scheduler (a {@code System.nanoTime()} per hit would
     * cost more than the rest of the hit); the store's {@link CacheStore#dispose()} stops it.
     */
    public CacheStoreBuilder ticker(Ticker newTicker) {
        return new CacheStoreBuilder(options, Objects.requireNonNull(newTicker, "ticker"), scheduler, executor);
    }

    /**
     * Where the stale answer timeout and the default ticker's periodic read run (default
     * {@link Schedulers#parallel()}, taken at build time).
     */
    public CacheStoreBuilder scheduler(Scheduler newScheduler) {
        return new CacheStoreBuilder(options, ticker, Objects.requireNonNull(newScheduler, "scheduler"), executor);
    }

    /** Where Caffeine runs maintenance (default its own: the common pool); tests use {@code Runnable::run}. */
    public CacheStoreBuilder executor(Executor newExecutor) {
        return new CacheStoreBuilder(options, ticker, scheduler, Objects.requireNonNull(newExecutor, "executor"));
    }

    /** A new store; with the default ticker it owns a periodic task until {@link CacheStore#dispose()}. */
    public CacheStore build() {
        return new CacheStore(this);
    }
}
