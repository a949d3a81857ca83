package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.DnsException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.Objects;
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
 * A caching decorator: answers from a bounded in-memory cache of responses, and asks its delegate on
 * a miss. What is cached and for how long is set by {@link CacheOptions}; see {@link CacheAdmission}
 * for the rules (TTL clamps, RFC 2308 negative caching, SERVFAIL, never-cached kinds).
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
 * <p><b>Serve-stale, prefetch.</b> See {@link ServeStalePolicy} and {@link PrefetchPolicy}. Both run
 * delegate calls subscribed independently of the caller (at most one per key); their failures are
 * logged (DEBUG for {@link DnsException}s, WARN otherwise) and counted in {@link CacheStats#refreshFailures()}.
 * {@link #dispose()} cancels them and starts no more; the cache keeps answering hits and misses.
 *
 * <p><b>Time.</b> Freshness is read from the {@link Ticker} (also Caffeine's; by default a coarse system
 * ticker, see {@link CachingResolverBuilder#ticker}); the stale answer timeout runs on the {@link Scheduler}. Tests
 * give both from one {@code VirtualTimeScheduler}. Dispose a cache built with the default ticker when
 * done with it, to stop the ticker's periodic task.
 *
 * <p><b>Bounds.</b> By entry count (W-TinyLFU), or by estimated bytes when
 * {@link CacheOptions#maximumWeightBytes()} is set: response length + name length + 240 bytes of
 * fixed overhead per entry. Expired entries stay for the maximum stale age when serve-stale is on.
 */
public final class CachingResolver implements Resolver, Disposable {

    private static final Logger log = LoggerFactory.getLogger(CachingResolver.class);

    private final Resolver delegate;
    private final @Nullable CoalescingResolver coalescer;
    private final Cache<Query, CacheEntry> cache;
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

    CachingResolver(CachingResolverBuilder b) {
        CacheOptions options = b.options;
        // Store inside the (possibly shared) delegate call: once per answer, before anyone sees it.
        Resolver storing = query -> b.delegate.resolve(query)
                .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                .doOnNext(answer -> store(query, answer));
        this.coalescer = options.coalesce() ? new CoalescingResolver(storing) : null;
        this.delegate = coalescer != null ? coalescer : storing;
        this.admission = new CacheAdmission(options);
        this.scheduler = b.scheduler != null ? b.scheduler : Schedulers.parallel();
        Ticker given = b.ticker;
        if (given == null) {
            CoarseTicker coarse = new CoarseTicker(Ticker.systemTicker(), scheduler, CoarseTicker.DEFAULT_PERIOD);
            this.ownTicker = coarse;
            this.ticker = coarse;
        } else {
            this.ownTicker = null;
            this.ticker = given;
        }
        ServeStalePolicy stale = options.stale();
        this.staleEnabled = stale.enabled();
        this.maxStaleNanos = stale.enabled() ? stale.maxStaleAge().toNanos() : 0;
        this.staleAnswerTimeout = stale.answerTimeout();
        this.staleAnswerTtl = (int) stale.answerTtl().getSeconds();
        this.failureRecheckNanos = stale.failureRecheck().toNanos();
        this.prefetchPercent = options.prefetch().thresholdPercent();
        this.prefetchMinHits = options.prefetch().minHits();
        this.cache = EntryCache.build(options, ticker, b.executor, maxStaleNanos, evictions);
    }

    /** A builder for a cache in front of {@code delegate}, with {@link CacheOptions#DEFAULTS}. */
    public static CachingResolverBuilder builder(Resolver delegate) {
        return new CachingResolverBuilder(Objects.requireNonNull(delegate, "delegate"), CacheOptions.DEFAULTS,
                null, null, null);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return new CacheLookup(this, Objects.requireNonNull(query, "query"));
    }

    /** What a subscription to {@link #resolve} gets: a hit's memoised answer, or the miss path. */
    Mono<Answer> lookup(Query query) {
        CacheEntry entry = cache.getIfPresent(query);
        if (entry == null) {
            misses.increment();
            return delegate.resolve(query);
        }
        long now = ticker.read();
        return entry.isFresh(now) ? hit(query, entry, now) : resolveExpired(query, entry, now);
    }

    private Mono<Answer> hit(Query query, CacheEntry entry, long now) {
        hits.increment();
        if (prefetchPercent > 0 && entry.kind() != CacheEntry.Kind.SERVFAIL
                && entry.recordHit(prefetchMinHits) && entry.inPrefetchWindow(now, prefetchPercent)
                && entry.claimPrefetch() && refreshes.refresh(query, this::refreshFromDelegate).started()) {
            prefetches.increment();
        }
        return entry.served(query, now);
    }

    private Mono<Answer> resolveExpired(Query query, CacheEntry entry, long now) {
        misses.increment();
        if (staleEnabled && entry.isServableStale(now, maxStaleNanos)) {
            return resolveOrServeStale(query, entry, now);
        }
        return delegate.resolve(query);
    }

    /**
     * Asks the delegate through a background refresh, and answers stale if it fails, answers SERVFAIL
     * or is slower than the stale answer timeout; the refresh goes on either way.
     */
    private Mono<Answer> resolveOrServeStale(Query query, CacheEntry entry, long now) {
        Mono<Answer> stale = Mono.fromSupplier(() -> serveStale(query, entry));
        if (entry.refreshRecentlyFailed(now, failureRecheckNanos)) {
            return stale;
        }
        Mono<Answer> fresh = refreshes.refresh(query, this::refreshFromDelegate).outcome()
                .flatMap(answer -> answer.rcode() == Rcode.SERVFAIL ? stale : Mono.just(answer))
                .switchIfEmpty(stale)
                .onErrorResume(error -> stale);
        return staleAnswerTimeout.isZero() ? stale : fresh.timeout(staleAnswerTimeout, stale, scheduler);
    }

    private Answer serveStale(Query query, CacheEntry entry) {
        staleServed.increment();
        return StaleAnswers.build(entry, query, staleAnswerTtl);
    }

    private Mono<Answer> refreshFromDelegate(Query query) {
        return delegate.resolve(query).doOnError(error -> refreshFailed(query, error));
    }

    private void refreshFailed(Query query, Throwable error) {
        refreshFailures.increment();
        if (error instanceof DnsException) {
            log.debug("background refresh of {} failed: {}", query, error.toString());
        } else {
            log.warn("background refresh of {} failed unexpectedly", query, error);
        }
        CacheEntry entry = cache.getIfPresent(query);
        if (entry != null) {
            entry.markRefreshFailed(ticker.read());
        }
    }

    private void store(Query query, Answer answer) {
        long now = ticker.read();
        CacheEntry candidate = admission.admit(query, answer, now);
        if (candidate == null) {
            return;
        }
        if (candidate.kind() != CacheEntry.Kind.SERVFAIL) {
            cache.put(query, candidate);
            return;
        }
        // A SERVFAIL must not push out an answer that is still fresh or can still be served stale.
        cache.asMap().compute(query, (key, old) -> {
            if (old != null && old.kind() != CacheEntry.Kind.SERVFAIL
                    && (old.isFresh(now) || (staleEnabled && old.isServableStale(now, maxStaleNanos)))) {
                old.markRefreshFailed(now);
                return old;
            }
            return candidate;
        });
    }

    /**
     * Removes every entry for {@code name}, whatever its type, class or flags. Scans the cache. A
     * refresh of such an entry already in flight stores its answer when it arrives.
     */
    public void invalidate(Name name) {
        cache.asMap().keySet().removeIf(key -> key.name().equals(name));
    }

    /** Removes the entries for {@code name} and {@code type}, whatever their class or flags. Scans the cache. */
    public void invalidate(Name name, int type) {
        cache.asMap().keySet().removeIf(key -> key.type() == type && key.name().equals(name));
    }

    /** Removes every entry. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** The counters now. */
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), staleServed.sum(), prefetches.sum(), evictions.sum(),
                cache.estimatedSize(), coalescer == null ? 0 : coalescer.coalescedQueries(), refreshFailures.sum());
    }

    /** Runs Caffeine's pending maintenance (evictions, expiry) now; for tests and measurements. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** How many background refreshes are running. */
    int runningRefreshes() {
        return refreshes.running();
    }

    /**
     * Cancels the background refreshes and starts no more, and stops the default ticker's periodic
     * task; the cache still answers (reading the clock directly).
     */
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
}
