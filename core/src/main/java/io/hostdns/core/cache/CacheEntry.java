package io.hostdns.core.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One cached response: its wire bytes as received, when it was stored and for how many seconds it is
 * fresh. Immutable but for the bookkeeping of hits, prefetch and refresh failures, and the memo of
 * the answer served during the current second.
 *
 * <p>Every record of a served answer carries the entry's remaining TTL (as CoreDNS does): the records
 * of one response expire together with the entry, so a smaller TTL would promise nothing more. The
 * message ID is the one of the stored response; callers put in their own.
 */
final class CacheEntry {

    /** What kind of response an entry holds; decides stale serving and prefetch. */
    enum Kind { POSITIVE, NODATA, NXDOMAIN, SERVFAIL }

    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final AtomicIntegerFieldUpdater<CacheEntry> HITS =
            AtomicIntegerFieldUpdater.newUpdater(CacheEntry.class, "hits");
    private static final AtomicIntegerFieldUpdater<CacheEntry> PREFETCHED =
            AtomicIntegerFieldUpdater.newUpdater(CacheEntry.class, "prefetched");

    private final byte[] wire;
    private final Kind kind;
    private final @Nullable UpstreamId upstream;
    private final long storedAt;
    private final int ttlSeconds;
    private volatile @Nullable Served memo;
    private volatile int hits;
    private volatile int prefetched;
    private volatile long refreshFailedAt = Long.MIN_VALUE;

    /** The served answer for one value of the remaining TTL, so hits within a second allocate nothing. */
    private record Served(int remainingTtl, Mono<Answer> answer) {
    }

    CacheEntry(byte[] wire, Kind kind, @Nullable UpstreamId upstream, long storedAt, int ttlSeconds) {
        this.wire = wire;
        this.kind = kind;
        this.upstream = upstream;
        this.storedAt = storedAt;
        this.ttlSeconds = ttlSeconds;
    }

    Kind kind() {
        return kind;
    }

    /** The stored bytes; never to be changed by the caller. */
    byte[] wire() {
        return wire;
    }

    @Nullable UpstreamId upstream() {
        return upstream;
    }

    int ttlSeconds() {
        return ttlSeconds;
    }

    long expiresAt() {
        return storedAt + ttlSeconds * NANOS_PER_SECOND;
    }

    boolean isFresh(long now) {
        return now - storedAt < ttlSeconds * NANOS_PER_SECOND;
    }

    /** Whether this entry may still be served stale at {@code now}; SERVFAIL never is. */
    boolean isServableStale(long now, long maxStaleNanos) {
        return kind != Kind.SERVFAIL && now - expiresAt() < maxStaleNanos;
    }

    /** When Caffeine may drop this entry: at expiry, or {@code staleNanos} later if it can be served stale. */
    long retainUntil(long staleNanos) {
        return kind == Kind.SERVFAIL ? expiresAt() : expiresAt() + staleNanos;
    }

    /**
     * The answer for a hit at {@code now} (which must be fresh): the stored response with every TTL
     * set to the whole seconds left, source {@link AnswerSource.Kind#CACHE}. The same {@code Mono}
     * is returned for every hit within one second of remaining TTL.
     */
    Mono<Answer> served(long now) {
        int remaining = (int) (ttlSeconds - (now - storedAt) / NANOS_PER_SECOND);
        Served m = memo;
        if (m != null && m.remainingTtl == remaining) {
            return m.answer;
        }
        byte[] copy = wire.clone();
        WireTtls.rewrite(copy, remaining);
        Mono<Answer> answer = Mono.just(Answer.of(copy, new AnswerSource(AnswerSource.Kind.CACHE, upstream)));
        memo = new Served(remaining, answer);
        return answer;
    }

    /** Counts a hit until {@code minHits} is reached; whether the entry has had that many. */
    boolean recordHit(int minHits) {
        int h = hits;
        if (h >= minHits) {
            return true;
        }
        return HITS.incrementAndGet(this) >= minHits;
    }

    /** Whether {@code now} falls in the final {@code percent} of this entry's TTL. */
    boolean inPrefetchWindow(long now, int percent) {
        return now - storedAt >= ttlSeconds * NANOS_PER_SECOND / 100 * (100 - percent);
    }

    /** True exactly once per entry: the caller may start its prefetch. */
    boolean claimPrefetch() {
        return prefetched == 0 && PREFETCHED.compareAndSet(this, 0, 1);
    }

    void markRefreshFailed(long now) {
        refreshFailedAt = now;
    }

    /** Whether a refresh of this entry failed less than {@code recheckNanos} before {@code now}. */
    boolean refreshRecentlyFailed(long now, long recheckNanos) {
        long failed = refreshFailedAt;
        return failed != Long.MIN_VALUE && now - failed < recheckNanos;
    }

    /**
     * Estimated retained heap bytes of this entry with its key: the response bytes, the key's name and
     * a fixed overhead for the objects around them (Caffeine node, map node, key, entry, memo), as
     * measured on a 64-bit JVM with compressed oops.
     */
    static int weigh(Query key, CacheEntry entry) {
        return 240 + key.name().length() + entry.wire.length;
    }
}
