package io.hostdns.core.internal.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireTtls;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One cached response, when it was stored and for how many seconds it is fresh; immutable but for
 * the bookkeeping of hits and prefetch and one memo slot.
 *
 * <p>To keep an entry small (see the footprint notes in the cache issue) the response is stored
 * without its question section, which is rebuilt from the asker's {@link Query} when serving: the
 * question was checked to equal the query at admission, so it has the same length and compression
 * pointers stay valid; the answer echoes the asker's spelling of the name. The OPT record is not
 * stored either (RFC 6891 6.1.1: OPT is hop-by-hop and must not be cached); a served answer gets a
 * fresh one when the asker uses EDNS.
 *
 * <p>Every record of a served answer carries the entry's remaining TTL (as CoreDNS does): the
 * records of one response expire together with the entry. The message ID is the one of the stored
 * response; callers put in their own.
 */
final class CacheEntry {

    /** What kind of response an entry holds; decides stale serving and prefetch. */
    enum Kind { POSITIVE, NODATA, NXDOMAIN, SERVFAIL }

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int HEADER = WireHeader.LENGTH;
    private static final byte[] NO_OPTIONS = new byte[0];
    private static final Kind[] KINDS = Kind.values();
    private static final int KIND_MASK = 0b11;
    private static final int PREFETCHED = 0b100;
    private static final int HIT_SHIFT = 3;
    private static final AtomicIntegerFieldUpdater<CacheEntry> STATE =
            AtomicIntegerFieldUpdater.newUpdater(CacheEntry.class, "state");

    private final long storedAt;
    private final byte[] body;
    private final AnswerSource source;
    private final int ttlSeconds;
    /** Kind in bits 0-1, prefetch claimed in bit 2, hits (counted up to the prefetch minimum) above. */
    private volatile int state;
    /**
     * While fresh, the {@link Served} memo; once expired, the {@link RefreshFailure} of the last failed
     * refresh. The two are never needed at the same time, so they share one field.
     */
    private volatile @Nullable Object slot;

    /** The answer served for one value of the remaining TTL, so hits within a second allocate nothing. */
    private record Served(int remainingTtl, boolean edns, Mono<Answer> answer) {
    }

    private record RefreshFailure(long at) {
    }

    /**
     * @param wire    the whole response, as summarised by {@code summary}
     * @param source  the source of served answers: {@code CACHE} with the upstream when known
     */
    CacheEntry(byte[] wire, WireTtls.Summary summary, Kind kind, AnswerSource source, long storedAt, int ttlSeconds) {
        int questionEnd = summary.questionEnd();
        int optStart = summary.optStart() < 0 ? wire.length : summary.optStart();
        int optEnd = summary.optStart() < 0 ? wire.length : summary.optEnd();
        this.body = new byte[HEADER + (optStart - questionEnd) + (wire.length - optEnd)];
        System.arraycopy(wire, 0, body, 0, HEADER);
        System.arraycopy(wire, questionEnd, body, HEADER, optStart - questionEnd);
        System.arraycopy(wire, optEnd, body, HEADER + optStart - questionEnd, wire.length - optEnd);
        if (optEnd > optStart) {
            WireHeader.setAdditionalCount(body, WireHeader.additionalCount(body) - 1);
        }
        this.source = source;
        this.storedAt = storedAt;
        this.ttlSeconds = ttlSeconds;
        this.state = kind.ordinal();
    }

    Kind kind() {
        return KINDS[state & KIND_MASK];
    }

    AnswerSource source() {
        return source;
    }

    int ttlSeconds() {
        return ttlSeconds;
    }

    /** The stored bytes without the question section. */
    int bodyLength() {
        return body.length;
    }

    /** The stored bytes themselves (see {@link CacheStore#freshHit}); never to be changed. */
    byte[] body() {
        return body;
    }

    /** Whole seconds of freshness left at {@code now} (which must be fresh). */
    int remainingTtl(long now) {
        return (int) (ttlSeconds - (now - storedAt) / NANOS_PER_SECOND);
    }

    long expiresAt() {
        return storedAt + ttlSeconds * NANOS_PER_SECOND;
    }

    boolean isFresh(long now) {
        return now - storedAt < ttlSeconds * NANOS_PER_SECOND;
    }

    /** Whether this entry may still be served stale at {@code now}; SERVFAIL never is. */
    boolean isServableStale(long now, long maxStaleNanos) {
        return kind() != Kind.SERVFAIL && now - expiresAt() < maxStaleNanos;
    }

    /** When Caffeine may drop this entry: at expiry, or {@code staleNanos} later if it can be served stale. */
    long retainUntil(long staleNanos) {
        return kind() == Kind.SERVFAIL ? expiresAt() : expiresAt() + staleNanos;
    }

    /**
     * The full response to {@code query}, every TTL set to {@code ttl}; a new array. It carries an
     * OPT record (payload {@value Query#DEFAULT_UDP_PAYLOAD_SIZE}, the query's DO bit) exactly when the
     * query has EDNS.
     */
    byte[] response(Query query, int ttl) {
        byte[] name = query.name().toWire();
        int questionLength = name.length + 4;
        boolean edns = query.udpPayloadSize() > 0;
        byte[] wire = new byte[body.length + questionLength + (edns ? WireOpt.LENGTH_WITHOUT_OPTIONS : 0)];
        System.arraycopy(body, 0, wire, 0, HEADER);
        System.arraycopy(name, 0, wire, HEADER, name.length);
        int pos = HEADER + name.length;
        WireHeader.putU16(wire, pos, query.type());
        WireHeader.putU16(wire, pos + 2, query.dclass());
        System.arraycopy(body, HEADER, wire, HEADER + questionLength, body.length - HEADER);
        if (edns) {
            WireOpt.write(wire, wire.length - WireOpt.LENGTH_WITHOUT_OPTIONS, Query.DEFAULT_UDP_PAYLOAD_SIZE, 0,
                    query.dnssecOk(), NO_OPTIONS);
            WireHeader.setAdditionalCount(wire, WireHeader.additionalCount(wire) + 1);
        }
        WireTtls.rewrite(wire, ttl);
        return wire;
    }

    /**
     * The answer to {@code query} for a hit at {@code now} (which must be fresh): every TTL set to the
     * whole seconds left. The same {@code Mono} is returned for every hit within one second of
     * remaining TTL and EDNS use, whoever asks.
     */
    Mono<Answer> served(Query query, long now) {
        int remaining = remainingTtl(now);
        boolean edns = query.udpPayloadSize() > 0;
        if (slot instanceof Served served && served.remainingTtl == remaining && served.edns == edns) {
            return served.answer;
        }
        Mono<Answer> answer = Mono.just(Answer.of(response(query, remaining), source));
        slot = new Served(remaining, edns, answer);
        return answer;
    }

    /** Counts a hit until {@code minHits} is reached; whether the entry has had that many. */
    boolean recordHit(int minHits) {
        while (true) {
            int s = state;
            if (s >>> HIT_SHIFT >= minHits) {
                return true;
            }
            int next = s + (1 << HIT_SHIFT);
            if (STATE.compareAndSet(this, s, next)) {
                return next >>> HIT_SHIFT >= minHits;
            }
        }
    }

    /** Whether {@code now} falls in the final {@code percent} of this entry's TTL. */
    boolean inPrefetchWindow(long now, int percent) {
        return now - storedAt >= ttlSeconds * NANOS_PER_SECOND / 100 * (100 - percent);
    }

    /** True exactly once per entry: the caller may start its prefetch. */
    boolean claimPrefetch() {
        while (true) {
            int s = state;
            if ((s & PREFETCHED) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | PREFETCHED)) {
                return true;
            }
        }
    }

    void markRefreshFailed(long now) {
        slot = new RefreshFailure(now);
    }

    /** Whether a refresh of this entry failed less than {@code recheckNanos} before {@code now}. */
    boolean refreshRecentlyFailed(long now, long recheckNanos) {
        return slot instanceof RefreshFailure failure && now - failure.at < recheckNanos;
    }

    /**
     * Estimated retained heap bytes of this entry with its key: the stored bytes, the key's name and
     * a fixed overhead for the objects around them (Caffeine node and frequency sketch, map node and
     * table slot, key, name, entry), as measured on a 64-bit JVM with compressed oops.
     */
    static int weigh(CacheKey key, CacheEntry entry) {
        return 240 + key.name().length + entry.body.length;
    }
}
