package io.hostdns.core.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.DnsException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.cache.CachingResolver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The state of a cache: its entries (Caffeine), counters, clock and background refreshes, apart from the
 * resolver it asks on a miss. {@link #over(Resolver)} puts the store in front of a delegate; several such
 * resolvers may share one store one after the other, which is how a forwarder keeps its cache across
 * reconfigurations while each configuration has its own pipeline below the cache. Most users want
 * {@link CachingResolver}, a store over one delegate. What is cached and for how long is set by
 * {@link CacheOptions}; see {@link CacheAdmission} for the rules and {@link CachingResolver} for hits,
 * serve-stale, prefetch, time and bounds.
 *
 * <p>Each delegate call goes through the resolver that made it: a prefetch or stale refresh started by a
 * query through {@code over(a)} asks {@code a}. Answers are stored once per delegate answer, before anyone
 * sees them; a miss that reaches its delegate just after an identical call stored its answer is answered
 * from the store instead of being sent again (so that a coalescing stage below the store loses none).
 *
 * <p>{@link #dispose()} cancels the background refreshes, starts no more and stops the default ticker's
 * periodic task; the store keeps answering (reading the clock directly). Thread-safe.
 */
public final class CacheStore implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(CacheStore.class);

    private final Cache<CacheKey, CacheEntry> cache;
    private final CacheAdmission admission;
    private final Ticker ticker;
    private final @Nullable CoarseTicker ownTicker;
    private final Scheduler scheduler;
    private final BackgroundRefreshes refreshes = new BackgroundRefreshes();
    private final boolean staleEnabled;
    private final long maxStaleNanos;
    private final Duration staleAnswerTimeout;
    private final int staleAnswerTtl;
    private final long failureRecheckNanos;
    private final int prefetchPercent;
    private final int prefetchMinHits;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder staleServed = new LongAdder();
    private final LongAdder prefetches = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();

    private CacheStore(CacheOptions options, @Nullable Ticker given, Scheduler scheduler, @Nullable Executor executor) {
        this.admission = new CacheAdmission(options);
        this.scheduler = scheduler;
        if (given == null) {
            CoarseTicker coarse = new CoarseTicker(Ticker.systemTicker(), scheduler, CoarseTicker.DEFAULT_PERIOD);
            this.ownTicker = coarse;
            this.ticker = coarse;
        } else {
            this.ownTicker = null;
            this.ticker = given;
        }
        CacheOptions.ServeStale stale = options.stale();
        this.staleEnabled = stale.enabled();
        this.maxStaleNanos = stale.enabled() ? stale.maxStaleAge().toNanos() : 0;
        this.staleAnswerTimeout = stale.answerTimeout();
        this.staleAnswerTtl = (int) stale.answerTtl().getSeconds();
        this.failureRecheckNanos = stale.failureRecheck().toNanos();
        this.prefetchPercent = options.prefetch().thresholdPercent();
        this.prefetchMinHits = options.prefetch().minHits();
        this.cache = EntryCache.build(options, ticker, executor, maxStaleNanos, evictions);
    }

    /** A builder with {@link CacheOptions#DEFAULTS}, the coarse system ticker and {@link Schedulers#parallel()}. */
    public static Builder builder() {
        return new Builder(CacheOptions.DEFAULTS, null, null, null);
    }

    /**
     * This store in front of {@code delegate}: answers from the store, asks {@code delegate} on a miss and
     * stores what it answers. Lazy like every {@link Resolver}; a hit allocates nothing but its {@code Mono}.
     */
    public Resolver over(Resolver delegate) {
        return new Over(this, storing(Objects.requireNonNull(delegate, "delegate")));
    }

    /** The resolver {@link #over} returns: the lookup {@code Mono} of a query, with the storing delegate. */
    record Over(CacheStore store, Resolver storing) implements Resolver {
        @Override
        public Mono<Answer> resolve(Query query) {
            return new CacheLookup(store, storing, Objects.requireNonNull(query, "query"));
        }
    }

    /** {@code delegate} storing each answer, once, before anyone sees it. */
    private Resolver storing(Resolver delegate) {
        return query -> Mono.defer(() -> {
            // A miss that reaches here after an identical call stored its answer (it missed the store just
            // before the store) is answered from the store, not sent again.
            CacheKey key = CacheKey.of(query);
            Mono<Answer> storedMeanwhile = freshOutsidePrefetchWindow(query, key);
            return storedMeanwhile != null ? storedMeanwhile : delegate.resolve(query)
                    .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                    .doOnNext(answer -> store(query, key, answer));
        });
    }

    /** What a subscription to a lookup gets: a hit's memoised answer, or the miss path through {@code delegate}. */
    Mono<Answer> lookup(Query query, Resolver delegate) {
        CacheEntry entry = cache.getIfPresent(CacheKey.of(query));
        if (entry == null) {
            misses.increment();
            return delegate.resolve(query);
        }
        long now = ticker.read();
        return entry.isFresh(now) ? hit(query, entry, now, delegate) : resolveExpired(query, entry, now, delegate);
    }

    /**
     * The cached answer when the entry is fresh and not due for a prefetch (a prefetch or stale refresh
     * must reach the upstream); null otherwise.
     */
    private @Nullable Mono<Answer> freshOutsidePrefetchWindow(Query query, CacheKey key) {
        CacheEntry entry = cache.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        long now = ticker.read();
        return freshOutsidePrefetchWindow(entry, now) ? entry.served(query, now) : null;
    }

    private boolean freshOutsidePrefetchWindow(CacheEntry entry, long now) {
        return entry.isFresh(now) && (prefetchPercent == 0 || !entry.inPrefetchWindow(now, prefetchPercent));
    }

    /**
     * For a server that answers hits itself, straight from a request's bytes: the stored message of the
     * question {@code probe} is set to, when its entry is fresh, outside the prefetch window, not a SERVFAIL
     * and at most {@code maxLength} bytes long (the caller's room for it: a reply that would have to be
     * truncated takes the resolver's way); null otherwise, and then the caller resolves through the resolver
     * over this store as usual (which counts the hit or miss, serves stale, prefetches, truncates). Nothing is
     * counted here: a caller that sends the reply calls {@link #countHit} with the same probe. The whole
     * seconds of freshness left are in {@link QuestionProbe#remainingTtl()}.
     *
     * <p>The message is the store's own array, never to be changed: the response's header (ID, flags, counts)
     * and its answer, authority and additional records, without the question section and without the OPT
     * record; the records' TTLs are those of the upstream's response. Compression pointers in it count offsets
     * in a message that has the question back in place (its length is the asked name's plus 4), so writing the
     * request's question and then these records after it gives a valid message.
     */
    public byte @Nullable [] freshHit(QuestionProbe probe, int maxLength) {
        probe.found(null);
        CacheEntry entry = cache.asMap().get(probe);
        if (entry == null) {
            return null;
        }
        long now = ticker.read();
        if (entry.kind() == CacheEntry.Kind.SERVFAIL || entry.bodyLength() > maxLength
                || !freshOutsidePrefetchWindow(entry, now)) {
            return null;
        }
        probe.found(entry);
        probe.remainingTtl(entry.remainingTtl(now));
        return entry.body();
    }

    /**
     * Counts the hit {@link #freshHit} just found with {@code probe} and served: as a hit, and towards the
     * entry's prefetch, as one through the resolver counts.
     */
    public void countHit(QuestionProbe probe) {
        CacheEntry entry = probe.found();
        if (entry == null) {
            throw new IllegalStateException("countHit without a hit found by freshHit");
        }
        hits.increment();
        if (prefetchPercent > 0) {
            entry.recordHit(prefetchMinHits);
        }
    }

    private Mono<Answer> hit(Query query, CacheEntry entry, long now, Resolver delegate) {
        hits.increment();
        if (prefetchPercent > 0 && entry.kind() != CacheEntry.Kind.SERVFAIL
                && entry.recordHit(prefetchMinHits) && entry.inPrefetchWindow(now, prefetchPercent)
                && entry.claimPrefetch() && refreshes.refresh(query, q -> refreshFrom(delegate, q)).started()) {
            prefetches.increment();
        }
        return entry.served(query, now);
    }

    private Mono<Answer> resolveExpired(Query query, CacheEntry entry, long now, Resolver delegate) {
        misses.increment();
        if (staleEnabled && entry.isServableStale(now, maxStaleNanos)) {
            return resolveOrServeStale(query, entry, now, delegate);
        }
        return delegate.resolve(query);
    }

    /**
     * Asks the delegate through a background refresh, and answers stale if it fails, answers SERVFAIL
     * or is slower than the stale answer timeout; the refresh goes on either way.
     */
    private Mono<Answer> resolveOrServeStale(Query query, CacheEntry entry, long now, Resolver delegate) {
        Mono<Answer> stale = Mono.fromSupplier(() -> serveStale(query, entry));
        if (entry.refreshRecentlyFailed(now, failureRecheckNanos)) {
            return stale;
        }
        Mono<Answer> fresh = refreshes.refresh(query, q -> refreshFrom(delegate, q)).outcome()
                .flatMap(answer -> answer.rcode() == Rcode.SERVFAIL ? stale : Mono.just(answer))
                .switchIfEmpty(stale)
                .onErrorResume(error -> stale);
        return staleAnswerTimeout.isZero() ? stale : fresh.timeout(staleAnswerTimeout, stale, scheduler);
    }

    private Answer serveStale(Query query, CacheEntry entry) {
        staleServed.increment();
        return StaleAnswers.build(entry, query, staleAnswerTtl);
    }

    private Mono<Answer> refreshFrom(Resolver delegate, Query query) {
        return delegate.resolve(query).doOnError(error -> refreshFailed(query, error));
    }

    private void refreshFailed(Query query, Throwable error) {
        refreshFailures.increment();
        if (error instanceof DnsException) {
            log.debug("background refresh of {} failed: {}", query, error.toString());
        } else {
            log.warn("background refresh of {} failed unexpectedly", query, error);
        }
        CacheEntry entry = cache.getIfPresent(CacheKey.of(query));
        if (entry != null) {
            entry.markRefreshFailed(ticker.read());
        }
    }

    private void store(Query query, CacheKey key, Answer answer) {
        long now = ticker.read();
        CacheEntry candidate = admission.admit(query, answer, now);
        if (candidate == null) {
            return;
        }
        if (candidate.kind() != CacheEntry.Kind.SERVFAIL) {
            cache.put(key, candidate);
            return;
        }
        // A SERVFAIL must not push out an answer that is still fresh or can still be served stale.
        cache.asMap().compute(key, (k, old) -> {
            if (old != null && old.kind() != CacheEntry.Kind.SERVFAIL
                    && (old.isFresh(now) || (staleEnabled && old.isServableStale(now, maxStaleNanos)))) {
                old.markRefreshFailed(now);
                return old;
            }
            return candidate;
        });
    }

    /**
     * Removes every entry for {@code name}, whatever its type, class or flags. Scans the store. A
     * refresh of such an entry already in flight stores its answer when it arrives.
     */
    public void invalidate(Name name) {
        byte[] wire = name.toWireCanonical();
        cache.asMap().keySet().removeIf(key -> key.hasName(wire));
    }

    /** Removes the entries for {@code name} and {@code type}, whatever their class or flags. Scans the store. */
    public void invalidate(Name name, int type) {
        byte[] wire = name.toWireCanonical();
        cache.asMap().keySet().removeIf(key -> key.type() == type && key.hasName(wire));
    }

    /** Removes every entry of {@code type}, whatever its name, class or flags. Scans the store. */
    public void invalidateType(int type) {
        cache.asMap().keySet().removeIf(key -> key.type() == type);
    }

    /** Removes every entry. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** The counters now. */
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), staleServed.sum(), prefetches.sum(), evictions.sum(),
                cache.estimatedSize(), refreshFailures.sum());
    }

    /** Runs Caffeine's pending maintenance (evictions, expiry) now; for tests and measurements. */
    public void cleanUp() {
        cache.cleanUp();
    }

    /** How many background refreshes are running. */
    public int runningRefreshes() {
        return refreshes.running();
    }

    @Override
    public void dispose() {
        refreshes.dispose();
        if (ownTicker != null) {
            ownTicker.dispose();
        }
    }

    @Override
    public boolean isDisposed() {
        return refreshes.isDisposed();
    }

    /**
     * Builds a {@link CacheStore}; immutable: every method returns a new builder. Start from
     * {@link CacheStore#builder()}; {@link CachingResolver.Builder} takes the same settings.
     */
    public static final class Builder {

        private final CacheOptions options;
        private final @Nullable Ticker ticker;
        private final @Nullable Scheduler scheduler;
        private final @Nullable Executor executor;

        private Builder(CacheOptions options, @Nullable Ticker ticker, @Nullable Scheduler scheduler,
                        @Nullable Executor executor) {
            this.options = options;
            this.ticker = ticker;
            this.scheduler = scheduler;
            this.executor = executor;
        }

        /** What to cache and for how long (default {@link CacheOptions#DEFAULTS}). */
        public Builder options(CacheOptions newOptions) {
            return new Builder(Objects.requireNonNull(newOptions, "options"), ticker, scheduler, executor);
        }

        /**
         * The clock of freshness, in nanoseconds, read on every hit. By default the system ticker read
         * every 100 ms by a periodic task on the scheduler (a {@code System.nanoTime()} per hit would
         * cost more than the rest of the hit); the store's {@link CacheStore#dispose()} stops it.
         */
        public Builder ticker(Ticker newTicker) {
            return new Builder(options, Objects.requireNonNull(newTicker, "ticker"), scheduler, executor);
        }

        /**
         * Where the stale answer timeout and the default ticker's periodic read run (default
         * {@link Schedulers#parallel()}, taken at build time).
         */
        public Builder scheduler(Scheduler newScheduler) {
            return new Builder(options, ticker, Objects.requireNonNull(newScheduler, "scheduler"), executor);
        }

        /** Where Caffeine runs maintenance (default its own: the common pool); tests use {@code Runnable::run}. */
        public Builder executor(Executor newExecutor) {
            return new Builder(options, ticker, scheduler, Objects.requireNonNull(newExecutor, "executor"));
        }

        /** A new store; with the default ticker it owns a periodic task until {@link CacheStore#dispose()}. */
        public CacheStore build() {
            return new CacheStore(options, ticker, scheduler != null ? scheduler : Schedulers.parallel(), executor);
        }
    }
}
