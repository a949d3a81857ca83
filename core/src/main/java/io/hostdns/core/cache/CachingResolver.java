package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.internal.cache.CacheStore;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A caching decorator: answers from a bounded in-memory cache of responses, and asks its delegate on
 * a miss. What is cached and for how long is set by {@link CacheOptions}:
 * <ul>
 *   <li>NOERROR with answer records: the smallest TTL of the answer and authority records, clamped to
 *       [{@code minTtl}, {@code maxTtl}];</li>
 *   <li>NXDOMAIN and NODATA: {@code min(SOA TTL, SOA MINIMUM)} clamped as {@link CacheOptions.Negative} says,
 *       or its default without an SOA (RFC 2308); SERVFAIL: its own short TTL;</li>
 *   <li>never: a response to another question, a truncated one, any other rcode (REFUSED, FORMERR...), a
 *       non-zero extended rcode, malformed bytes, and anything whose TTL comes out as 0.</li>
 * </ul>
 *
 * <p><b>Hits.</b> Like every {@link Resolver}, the returned {@code Mono} is lazy: the cache is looked
 * up when it is subscribed, and each subscription looks again. A hit is then served from a prebuilt
 * {@code Mono.just} that the entry keeps for the current second of remaining TTL, so a hit neither
 * hops threads nor parses, and allocates only the lookup {@code Mono}, which is also the
 * subscription that delivers the answer (plus one rebuilt answer per entry per second). A hit in the prefetch window starts
 * its refresh. Served answers carry the remaining TTL in
 * every record, source {@code CACHE} with the upstream that produced them, and the message ID of the
 * stored response: <b>callers patch in their own ID</b> ({@link Answer#withId}). Misses are lazy:
 * nothing happens until subscription.
 *
 * <p><b>Serve-stale, prefetch.</b> See {@link CacheOptions.ServeStale} and {@link CacheOptions.Prefetch}. Both run
 * delegate calls subscribed independently of the caller (at most one per key); their failures are
 * logged (DEBUG for {@link DnsException}s, WARN otherwise) and counted in {@link CacheStats#refreshFailures()}.
 * {@link #dispose()} cancels them and starts no more; the cache keeps answering hits and misses.
 *
 * <p><b>Time.</b> Freshness is read from the Caffeine {@code Ticker} (by default a coarse system ticker,
 * see {@link Builder#ticker}); the stale answer timeout runs on the scheduler. Tests give
 * both from one {@code VirtualTimeScheduler}. Dispose a cache built with the default ticker when done with
 * it, to stop the ticker's periodic task.
 *
 * <p><b>Bounds.</b> By entry count (W-TinyLFU), or by estimated bytes when
 * {@link CacheOptions#maximumWeightBytes()} is set: response length + name length + 240 bytes of
 * fixed overhead per entry. Expired entries stay for the maximum stale age when serve-stale is on.
 *
 * <p><b>Identical misses.</b> The cache does not merge concurrent identical misses itself: put a
 * {@link CoalescingResolver} under it ({@code CachingResolver.builder(new CoalescingResolver(upstreams))})
 * and they share one delegate call; a miss that arrives just after an identical call stored its answer
 * is answered from the cache.
 *
 * <p>The entries, counters and refreshes live in a store (internal) that this class puts in front of one
 * delegate; the forwarder, which swaps its pipeline below the cache, keeps the store across those swaps.
 */
public final class CachingResolver implements Resolver, Disposable {

    private final CacheStore store;
    private final Resolver cached;

    CachingResolver(CacheStore store, Resolver delegate) {
        this.store = store;
        this.cached = store.over(delegate);
    }

    /** A builder for a cache in front of {@code delegate}, with {@link CacheOptions#DEFAULTS}. */
    public static Builder builder(Resolver delegate) {
        return new Builder(Objects.requireNonNull(delegate, "delegate"), CacheStore.builder());
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return cached.resolve(query);
    }

    /**
     * Removes every entry for {@code name}, whatever its type, class or flags. Scans the cache. A
     * refresh of such an entry already in flight stores its answer when it arrives.
     */
    public void invalidate(Name name) {
        store.invalidate(name);
    }

    /** Removes the entries for {@code name} and {@code type}, whatever their class or flags. Scans the cache. */
    public void invalidate(Name name, int type) {
        store.invalidate(name, type);
    }

    /** Removes every entry. */
    public void invalidateAll() {
        store.invalidateAll();
    }

    /** The counters now. */
    public CacheStats stats() {
        return store.stats();
    }

    /** Runs Caffeine's pending maintenance (evictions, expiry) now; for tests and measurements. */
    void cleanUp() {
        store.cleanUp();
    }

    /** How many background refreshes are running. */
    int runningRefreshes() {
        return store.runningRefreshes();
    }

    /**
     * Cancels the background refreshes and starts no more, and stops the default ticker's periodic
     * task; the cache still answers (reading the clock directly).
     */
    @Override
    public void dispose() {
        store.dispose();
    }

    @Override
    public boolean isDisposed() {
        return store.isDisposed();
    }

    /**
     * Builds a {@link CachingResolver}; immutable: every method returns a new builder. Start from
     * {@link CachingResolver#builder(Resolver)}.
     */
    public static final class Builder {

        private final Resolver delegate;
        private final CacheStore.Builder store;

        Builder(Resolver delegate, CacheStore.Builder store) {
            this.delegate = delegate;
            this.store = store;
        }

        /** What to cache and for how long (default {@link CacheOptions#DEFAULTS}). */
        public Builder options(CacheOptions newOptions) {
            return new Builder(delegate, store.options(newOptions));
        }

        /**
         * The clock of freshness, in nanoseconds, read on every hit. By default the system ticker read
         * every 100 ms by a periodic task on the scheduler (a {@code System.nanoTime()} per hit would
         * cost more than the rest of the hit); the cache's {@link CachingResolver#dispose()} stops it.
         */
        public Builder ticker(Ticker newTicker) {
            return new Builder(delegate, store.ticker(newTicker));
        }

        /**
         * Where the stale answer timeout and the default ticker's periodic read run (default
         * {@link Schedulers#parallel()}, taken at build time).
         */
        public Builder scheduler(Scheduler newScheduler) {
            return new Builder(delegate, store.scheduler(newScheduler));
        }

        /** Where Caffeine runs maintenance (default its own: the common pool); tests use {@code Runnable::run}. */
        public Builder executor(Executor newExecutor) {
            return new Builder(delegate, store.executor(newExecutor));
        }

        /** A new cache; with the default ticker it owns a periodic task until {@link CachingResolver#dispose()}. */
        public CachingResolver build() {
            return new CachingResolver(store.build(), delegate);
        }
    }
}
