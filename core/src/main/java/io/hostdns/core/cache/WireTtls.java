package io.hostdns.core.cache;

import io.hostdns.core.Query;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;

/**
 * Reads and rewrites the TTLs of a DNS response in its wire form without decoding it: one pass that
 * skips names and RDATA, so a cache can learn an answer's TTLs at insert time and patch them when it
 * serves, allocating nothing beyond the bytes it serves.
 *
 * <p>The OPT pseudo-record is never rewritten: its TTL field holds the extended RCODE, EDNS version
 * and flags. TTLs inside RDATA (the RRSIG original TTL) are left alone, as they must be.
 */
final class WireTtls {

    private static final int HEADER = 12;
    private static final int RR_FIXED = 10;

    private WireTtls() {
    }

    /**
     * What a cache needs to know about a response.
     *
     * @param questionEnd   offset just after the question section
     * @param answerCount   records in the answer section
     * @param minTtl        smallest TTL of the answer and authority records, -1 when there are none
     * @param negativeTtl   {@code min(TTL, MINIMUM)} of the first SOA in the authority section, -1 without
     * @param extendedRcode the upper 8 bits of the RCODE from the OPT record, 0 without OPT
     * @param optStart      offset of the OPT record, -1 without one
     * @param optEnd        offset just after the OPT record, -1 without one
     */
    record Summary(int questionEnd, int answerCount, long minTtl, long negativeTtl, int extendedRcode,
                   int optStart, int optEnd) {
    }

    /** Summarises {@code wire}, or returns null when it is not a well-formed message. */
    static @Nullable Summary scan(byte[] wire) {
        int pos = skipQuestions(wire);
        if (pos < 0) {
            return null;
        }
        int questionEnd = pos;
        int answers = u16(wire, 6);
        int authority = u16(wire, 8);
        int total = answers + authority + u16(wire, 10);
        long minTtl = Long.MAX_VALUE;
        long negativeTtl = -1;
        int extendedRcode = 0;
        int optStart = -1;
        int optEnd = -1;
        for (int i = 0; i < total; i++) {
            int start = pos;
            pos = skipName(wire, pos);
            if (pos < 0 || pos + RR_FIXED > wire.length) {
                return null;
            }
            int type = u16(wire, pos);
            long ttl = ttl(wire, pos + 4);
            int rdata = pos + RR_FIXED;
            int end = rdata + u16(wire, pos + 8);
            if (end > wire.length) {
                return null;
            }
            if (type == Type.OPT) {
                if (optStart >= 0) {
                    return null; // RFC 6891: a message with two OPT records is malformed
                }
                extendedRcode = wire[pos + 4] & 0xFF;
                optStart = start;
                optEnd = end;
            } else if (i < answers + authority) {
                minTtl = Math.min(minTtl, ttl);
                if (i >= answers && type == Type.SOA && negativeTtl < 0 && end - rdata >= 22) {
                    negativeTtl = Math.min(ttl, ttl(wire, end - 4));
                }
            }
            pos = end;
        }
        return new Summary(questionEnd, answers, minTtl == Long.MAX_VALUE ? -1 : minTtl, negativeTtl, extendedRcode,
                optStart, optEnd);
    }

    /**
     * Whether {@code wire} (summarised by {@code summary}) holds exactly one question and it is
     * {@code query}'s: the same name (ignoring ASCII case), type and class.
     */
    static boolean asks(byte[] wire, Summary summary, Query query) {
        byte[] name = query.name().toWireCanonical();
        int nameEnd = HEADER + name.length;
        if (u16(wire, 4) != 1 || summary.questionEnd() != nameEnd + 4) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            int b = wire[HEADER + i];
            // Length octets are below 64, so only label characters fall in 'A'..'Z'.
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != name[i]) {
                return false;
            }
        }
        return u16(wire, nameEnd) == query.type() && u16(wire, nameEnd + 2) == query.dclass();
    }

    /**
     * Sets the TTL of every resource record of {@code wire} (all sections, OPT excepted) to {@code ttl}.
     * The message must have passed {@link #scan}.
     */
    static void rewrite(byte[] wire, int ttl) {
        int pos = skipQuestions(wire);
        int total = u16(wire, 6) + u16(wire, 8) + u16(wire, 10);
        for (int i = 0; i < total; i++) {
            pos = skipName(wire, pos);
            if (u16(wire, pos) != Type.OPT) {
                wire[pos + 4] = (byte) (ttl >>> 24);
                wire[pos + 5] = (byte) (ttl >>> 16);
                wire[pos + 6] = (byte) (ttl >>> 8);
                wire[pos + 7] = (byte) ttl;
            }
            pos += RR_FIXED + u16(wire, pos + 8);
        }
    }

    private static int skipQuestions(byte[] wire) {
        if (wire.length < HEADER) {
            return -1;
        }
        int pos = HEADER;
        for (int i = u16(wire, 4); i > 0 && pos >= 0; i--) {
            pos = skipName(wire, pos);
            pos = pos < 0 || pos + 4 > wire.length ? -1 : pos + 4;
        }
        return pos;
    }

    /** The position after the name at {@code pos}, or -1 when it runs past the end or is malformed. */
    private static int skipName(byte[] wire, int pos) {
        while (pos >= 0 && pos < wire.length) {
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= wire.length ? pos + 2 : -1;
            }
            if ((len & 0xC0) != 0) {
                return -1;
            }
            pos += len + 1;
        }
        return -1;
    }

    private static int u16(byte[] wire, int pos) {
        return ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
    }

    /** A TTL field; values with the top bit set count as 0 (RFC 2181 section 8). */
    private static long ttl(byte[] wire, int pos) {
        long v = ((long) u16(wire, pos) << 16) | u16(wire, pos + 2);
        return v > Integer.MAX_VALUE ? 0 : v;
    }
}
