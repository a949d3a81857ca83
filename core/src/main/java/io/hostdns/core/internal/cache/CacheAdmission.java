package io.hostdns.core.internal.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireQuestion;
import io.hostdns.core.internal.wire.WireRecord;
import io.hostdns.core.internal.wire.WireTtls;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Rcode;

/**
 * Decides whether and for how long an answer is cached.
 *
 * <ul>
 *   <li>NOERROR with answer records: the smallest TTL of the answer and authority records (what
 *       {@link Answer#minTtl()} computes), clamped to the positive range.</li>
 *   <li>NXDOMAIN, and NOERROR without answer records (NODATA): {@code min(SOA TTL, SOA MINIMUM)}
 *       clamped to the negative range, or the negative default without an SOA (RFC 2308).</li>
 *   <li>SERVFAIL: the SERVFAIL TTL; the bogus TTL when its first Extended DNS Error is a DNSSEC one (codes 1
 *       to 12: a validator's bogus or indeterminate verdict). The Extended DNS Errors are kept with the entry.</li>
 *   <li>Never: responses whose question is not the query's, truncated responses, every other RCODE
 *       (REFUSED, FORMERR, NOTIMP...), a non-zero extended RCODE, malformed bytes (as the wire walker
 *       of {@link WireTtls} judges them), an OPT record followed by other records (a later record's
 *       compression pointer could aim into the OPT record the entry drops), and anything whose TTL
 *       comes out as 0.</li>
 * </ul>
 */
final class CacheAdmission {

    private static final int MAX_SHARED_SOURCES = 256;
    private static final byte[] NO_ERRORS = new byte[0];
    /** RFC 8914's DNSSEC codes: 1 Unsupported DNSKEY Algorithm to 12 NSEC Missing (6 Bogus, 7 Expired...). */
    private static final int FIRST_DNSSEC_EDE = 1;
    private static final int LAST_DNSSEC_EDE = 12;

    private final ConcurrentHashMap<UpstreamId, AnswerSource> cacheSources = new ConcurrentHashMap<>();
    private final long minTtl;
    private final long maxTtl;
    private final long negativeMinTtl;
    private final long negativeMaxTtl;
    private final long negativeDefaultTtl;
    private final long servfailTtl;
    private final long bogusTtl;

    CacheAdmission(CacheOptions options) {
        this.minTtl = options.minTtl().getSeconds();
        this.maxTtl = options.maxTtl().getSeconds();
        CacheOptions.Negative negative = options.negative();
        this.negativeMinTtl = negative.minTtl().getSeconds();
        this.negativeMaxTtl = negative.maxTtl().getSeconds();
        this.negativeDefaultTtl = Math.min(Integer.MAX_VALUE, negative.defaultTtl().getSeconds());
        this.servfailTtl = Math.min(Integer.MAX_VALUE, negative.servfailTtl().getSeconds());
        this.bogusTtl = Math.min(Integer.MAX_VALUE, negative.bogusTtl().getSeconds());
    }

    /**
     * The entry to store for {@code answer} to {@code query} received at {@code now}, or null when it
     * is not cached (including when its question is not exactly {@code query}'s).
     */
    @Nullable CacheEntry admit(Query query, Answer answer, long now) {
        int rcode = answer.rcode();
        if (answer.truncated() || (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN && rcode != Rcode.SERVFAIL)) {
            return null;
        }
        byte[] wire = answer.wireBytes();
        WireTtls.Summary summary = WireTtls.scan(wire);
        if (summary == null || summary.extendedRcode() != 0 || summary.optBeforeOtherRecords()
                || !asks(wire, query)) {
            return null;
        }
        if (rcode == Rcode.SERVFAIL) {
            return failure(wire, summary, answer, now);
        }
        CacheEntry.Kind kind;
        long ttl;
        if (rcode == Rcode.NOERROR && summary.answerCount() > 0) {
            kind = CacheEntry.Kind.POSITIVE;
            ttl = clamp(summary.minTtl(), minTtl, maxTtl);
        } else {
            kind = rcode == Rcode.NXDOMAIN ? CacheEntry.Kind.NXDOMAIN : CacheEntry.Kind.NODATA;
            ttl = summary.negativeTtl() < 0 ? negativeDefaultTtl
                    : clamp(summary.negativeTtl(), negativeMinTtl, negativeMaxTtl);
        }
        if (ttl <= 0) {
            return null;
        }
        return new CacheEntry(wire, summary, kind, cacheSource(answer.source().upstream()), now,
                (int) ttl);
    }

    /** The entry of a SERVFAIL, with its Extended DNS Errors; null when such failures are not cached. */
    private @Nullable CacheEntry failure(byte[] wire, WireTtls.Summary summary, Answer answer, long now) {
        byte[] errors = summary.optStart() < 0 ? NO_ERRORS
                : WireOpt.edeOptions(wire, WireRecord.fixedPart(wire, summary.optStart(), wire.length));
        int code = WireOpt.firstEdeCode(errors);
        long ttl = code >= FIRST_DNSSEC_EDE && code <= LAST_DNSSEC_EDE ? bogusTtl : servfailTtl;
        if (ttl <= 0) {
            return null;
        }
        AnswerSource source = cacheSource(answer.source().upstream());
        return errors.length == 0
                ? new CacheEntry(wire, summary, CacheEntry.Kind.SERVFAIL, source, now, (int) ttl)
                : new CacheEntry.WithErrors(wire, summary, source, now, (int) ttl, errors);
    }

    /** Whether {@code wire}'s only question is {@code query}'s: name (ignoring ASCII case), type and class. */
    private static boolean asks(byte[] wire, Query query) {
        return WireQuestion.asksOnly(wire, wire.length, query.name().toWire(), 0, query.type(), query.dclass());
    }

    /** One shared CACHE source per upstream, so entries do not each carry their own. */
    private AnswerSource cacheSource(@Nullable UpstreamId upstream) {
        if (upstream == null) {
            return AnswerSource.CACHE;
        }
        AnswerSource source = cacheSources.get(upstream);
        if (source == null) {
            source = new AnswerSource(AnswerSource.Kind.CACHE, upstream);
            if (cacheSources.size() < MAX_SHARED_SOURCES) {
                cacheSources.putIfAbsent(upstream, source);
            }
        }
        return source;
    }

    private static long clamp(long ttl, long min, long max) {
        return Math.max(min, Math.min(max, ttl));
    }
}
