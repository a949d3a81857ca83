package io.hostdns.transport.server;

import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.internal.cache.QuestionProbe;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireQuestion;
import io.hostdns.core.internal.wire.WireRecord;
import io.hostdns.transport.internal.CacheFront;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The server's synchronous cache-hit path: on the event loop, straight from the request's bytes, the reply to
 * a standard query whose answer is a fresh entry of the {@link CacheFront}'s store, written into a pooled
 * buffer. No {@code Mono}, no subscription, no {@code Query} or dnsjava {@code Name}, no key: the question is
 * looked up in place with a {@link QuestionProbe}. Anything else is declined ({@code null}) and takes the
 * resolver's way ({@link QueryProcessor}), which answers it as before: a request that is not a plain query
 * with one question and at most an OPT record (EDNS version 0), a miss, an entry that is stale, due for
 * prefetch or a SERVFAIL, and a reply that would not fit the client's size.
 *
 * <p>The reply is the one the resolver's way gives for a hit, byte for byte (a test compares the two): the
 * request's ID and question (its case kept), the stored flags without AA, TC, RD and opcode (and without AD
 * unless the request set DO or AD, RFC 6840 section 5.8), then QR, RA and the request's RD; the stored records with every TTL set to the seconds left; an OPT record (our payload
 * size, no options, the request's DO bit) when the request had one. Cached responses never hold an extended
 * rcode or EDNS options (the store does not admit the former and drops the OPT record), so there are none
 * to carry.
 *
 * <p>One instance per event loop (per UDP socket or TCP connection): it reuses a probe and a request buffer
 * and is not thread-safe. The caller checks the ACL, the query log and the rate limit.
 */
final class CachedReplies {

    /** Requests longer than this (big EDNS options, padding) take the resolver's way; a plain query is < 300. */
    static final int MAX_REQUEST = 1024;

    private static final int HEADER = WireHeader.LENGTH;
    private static final int OPT_LENGTH = WireOpt.LENGTH_WITHOUT_OPTIONS;
    private static final int KEPT_FLAGS = ~(WireHeader.FLAG_AA | WireHeader.FLAG_TC | WireHeader.FLAG_RD
            | WireHeader.OPCODE_MASK);
    private static final int REQUEST_REJECTS = WireHeader.FLAG_QR | WireHeader.OPCODE_MASK;

    private final CacheFront front;
    private final int maxUdpPayload;
    private final QuestionProbe probe = new QuestionProbe();
    private byte @Nullable [] datagram; // UDP only: TCP frames arrive as arrays
    private @Nullable CacheStore hitStore;
    private int hitType;
    private int hitRcode;

    CachedReplies(CacheFront front, int maxUdpPayload) {
        this.front = front;
        this.maxUdpPayload = maxUdpPayload;
    }

    /**
     * The reply to the request in {@code request}'s readable bytes (not consumed), or null to resolve it.
     * Call {@link #served()} once the reply is sent, so the hit counts.
     */
    @Nullable ByteBuf udp(ByteBuf request, ByteBufAllocator alloc) {
        int length = request.readableBytes();
        if (length > MAX_REQUEST) {
            return null;
        }
        byte[] copy = datagram;
        if (copy == null) {
            copy = new byte[MAX_REQUEST];
            datagram = copy;
        }
        request.getBytes(request.readerIndex(), copy, 0, length);
        return reply(copy, length, alloc, false);
    }

    /** The reply to the TCP request {@code frame} with its 2-byte length prefix, or null to resolve it. */
    @Nullable ByteBuf tcp(byte[] frame, ByteBufAllocator alloc) {
        return frame.length > MAX_REQUEST ? null : reply(frame, frame.length, alloc, true);
    }

    /** Counts the hit of the reply the last call returned, as a hit through the resolver counts. */
    void served() {
        CacheStore store = hitStore;
        if (store != null) {
            store.countHit(probe);
        }
    }

    /** The query type of the request the last call returned a reply for. */
    int hitType() {
        return hitType;
    }

    /** The rcode of the reply the last call returned. */
    int hitRcode() {
        return hitRcode;
    }

    private @Nullable ByteBuf reply(byte[] wire, int length, ByteBufAllocator alloc, boolean tcp) {
        hitStore = null;
        if (length < HEADER || (WireHeader.flags(wire) & REQUEST_REJECTS) != 0
                || WireHeader.questionCount(wire) != 1 || WireHeader.answerCount(wire) != 0
                || WireHeader.authorityCount(wire) != 0 || WireHeader.additionalCount(wire) > 1) {
            return null;
        }
        int nameEnd = WireQuestion.firstNameEnd(wire, length);
        if (nameEnd < 0) {
            return null;
        }
        int questionEnd = nameEnd + 4;
        boolean edns = WireHeader.additionalCount(wire) == 1;
        int limit = tcp ? ReplyWriter.TCP_LIMIT : DnsRequest.CLASSIC_UDP_SIZE;
        boolean dnssecOk = false;
        if (edns) {
            // only a well-formed OPT record of EDNS version 0, owned by the root; anything else is the slow way's
            int fixed = questionEnd + 1;
            if (fixed > length || wire[questionEnd] != 0 || length - fixed < WireRecord.FIXED_LENGTH
                    || WireRecord.type(wire, fixed) != WireOpt.TYPE || WireRecord.end(wire, fixed, length) < 0
                    || WireOpt.version(wire, fixed) != 0) {
                return null;
            }
            dnssecOk = WireOpt.dnssecOk(wire, fixed);
            if (!tcp) {
                limit = Math.max(DnsRequest.CLASSIC_UDP_SIZE, WireOpt.payloadSize(wire, fixed));
            }
        }
        if (!tcp) {
            limit = Math.min(limit, maxUdpPayload);
        }
        CacheStore store = front.hitStore();
        if (store == null) {
            return null;
        }
        int requestFlags = WireHeader.flags(wire);
        probe.set(wire, HEADER, nameEnd, WireQuestion.type(wire, nameEnd), WireQuestion.dclass(wire, nameEnd),
                dnssecOk, (requestFlags & WireHeader.FLAG_CD) != 0);
        int fixedLength = questionEnd + (edns ? OPT_LENGTH : 0); // header, question and OPT
        byte[] body = store.freshHit(probe, limit - fixedLength + HEADER);
        if (body == null) {
            return null;
        }
        hitStore = store;
        hitType = WireQuestion.type(wire, nameEnd);
        hitRcode = WireHeader.flags(body) & 0x0F;
        int size = fixedLength + body.length - HEADER;
        ByteBuf out = alloc.ioBuffer(tcp ? size + 2 : size);
        if (tcp) {
            out.writeShort(size);
        }
        // AD (a validated entry's verdict) only for a client that set DO or AD, as DnsRequest.wantsAuthenticData
        int kept = dnssecOk || (requestFlags & WireHeader.FLAG_AD) != 0 ? KEPT_FLAGS : KEPT_FLAGS & ~WireHeader.FLAG_AD;
        int flags = (WireHeader.flags(body) & kept) | WireHeader.FLAG_QR | WireHeader.FLAG_RA
                | (requestFlags & WireHeader.FLAG_RD);
        out.writeShort(WireHeader.id(wire));
        out.writeShort(flags);
        out.writeShort(1);
        out.writeShort(WireHeader.answerCount(body));
        out.writeShort(WireHeader.authorityCount(body));
        out.writeShort(WireHeader.additionalCount(body) + (edns ? 1 : 0));
        out.writeBytes(wire, HEADER, questionEnd - HEADER);
        int recordsAt = out.writerIndex();
        out.writeBytes(body, HEADER, body.length - HEADER);
        setTtls(body, out, recordsAt - HEADER, probe.remainingTtl());
        if (edns) {
            out.writeByte(0); // the root owns OPT
            out.writeShort(WireOpt.TYPE);
            out.writeShort(ReplyWriter.ADVERTISED_UDP_PAYLOAD);
            out.writeInt(dnssecOk ? WireOpt.FLAG_DO : 0); // extended rcode 0, version 0, DO
            out.writeShort(0);
        }
        return out;
    }

    /**
     * Sets the TTL of every record of {@code body} as copied into {@code out} ({@code shift} bytes further on)
     * to {@code ttl}. The store checked these records when it admitted them; their names are skipped where they
     * sit, since what their pointers aim at (the question) is not part of the body.
     */
    private static void setTtls(byte[] body, ByteBuf out, int shift, int ttl) {
        int pos = HEADER;
        for (int records = WireHeader.recordCount(body); records > 0; records--) {
            int fixed = WireRecord.fixedPartInPlace(body, pos, body.length);
            if (fixed < 0) {
                throw new IllegalStateException("a cached response's records do not walk: " + records + " left");
            }
            out.setInt(shift + fixed + 4, ttl);
            pos = WireRecord.rdata(fixed) + WireRecord.rdLength(body, fixed);
        }
    }
}
