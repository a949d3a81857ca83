package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Resolver;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builds a {@link CachingResolver}; immutable: every method returns a new builder. Start from
 * {@link CachingResolver#builder(Resolver)}.
 */
public final class CachingResolverBuilder {

    final Resolver delegate;
    final CacheOptions options;
    final @Nullable Ticker ticker;
    final @Nullable Scheduler scheduler;
    final @Nullable Executor executor;

    CachingResolverBuilder(Resolver delegate, CacheOptions options, @Nullable Ticker ticker,
                           @Nullable Scheduler scheduler, @Nullable Executor executor) {
        this.delegate = delegate;
        this.options = options;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** What to cache and for how long (default {@link CacheOptions#DEFAULTS}). */
    public CachingResolverBuilder options(CacheOptions newOptions) {
        return new CachingResolverBuilder(delegate, Objects.requireNonNull(newOptions, "options"), ticker,
                scheduler, executor);
    }

    /**
     * The clock of freshness, in nanoseconds, read on every hit. By default the system ticker read
     * every 10 ms by a periodic task on the scheduler (a {@code System.nanoTime()} per hit would
     * cost more than the rest of the hit); the cache's {@link CachingResolver#dispose()} stops it.
     */
    public CachingResolverBuilder ticker(Ticker newTicker) {
        return new CachingResolverBuilder(delegate, options, Objects.requireNonNull(newTicker, "ticker"), scheduler,
                executor);
    }

    /**
     * Where the stale answer timeout and the default ticker's periodic read run (default
     * {@link Schedulers#parallel()}, taken at build time).
     */
    public CachingResolverBuilder scheduler(Scheduler newScheduler) {
        return new CachingResolverBuilder(delegate, options, ticker,
                Objects.requireNonNull(newScheduler, "scheduler"), executor);
    }

    /** Where Caffeine runs maintenance (default its own: the common pool); tests use {@code Runnable::run}. */
    public CachingResolverBuilder executor(Executor newExecutor) {
        return new CachingResolverBuilder(delegate, options, ticker, scheduler,
                Objects.requireNonNull(newExecutor, "executor"));
    }

    /** A new cache; with the default ticker it owns a periodic task until {@link CachingResolver#dispose()}. */
    public CachingResolver build() {
        return new CachingResolver(this);
    }
}
