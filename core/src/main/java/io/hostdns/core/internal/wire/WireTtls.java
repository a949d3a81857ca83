package io.hostdns.core.internal.wire;

import org.jspecify.annotations.Nullable;

/**
 * Reads and rewrites the TTLs of a DNS response in its wire form without decoding it: one walk of
 * the {@link WireRecord} walker, so a cache can learn an answer's TTLs at insert time and patch them
 * when it serves, allocating nothing beyond the bytes it serves.
 *
 * <p>The OPT pseudo-record is never rewritten: its TTL field holds the extended RCODE, EDNS version
 * and flags. TTLs inside RDATA (the RRSIG original TTL) are left alone, as they must be. A message
 * with OPT outside the additional section, or with two OPT records, is malformed (RFC 6891 6.1.1).
 */
public final class WireTtls {

    private static final int TYPE_SOA = 6;
    /** Two root names and SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM: the shortest SOA RDATA. */
    private static final int MIN_SOA_RDATA = 22;

    private WireTtls() {
    }

    /**
     * What a cache needs to know about a response.
     *
     * @param questionEnd   offset just after the question section
     * @param answerCount   records in the answer section
     * @param minTtl        smallest TTL of the answer and authority records, -1 when there are none
     * @param negativeTtl   {@code min(TTL, MINIMUM)} of the first SOA in the authority section, -1 without
     *                      (RFC 2308 section 5)
     * @param extendedRcode the upper 8 bits of the RCODE from the OPT record, 0 without OPT
     * @param optStart      offset of the OPT record, -1 without one
     * @param optEnd        offset just after the OPT record, -1 without one
     * @param recordsEnd    offset just after the last record (bytes after it, if any, belong to no record)
     */
    public record Summary(int questionEnd, int answerCount, long minTtl, long negativeTtl, int extendedRcode,
                          int optStart, int optEnd, int recordsEnd) {

        /** Whether the message has an OPT record and it is not its last record. */
        public boolean optBeforeOtherRecords() {
            return optStart >= 0 && optEnd != recordsEnd;
        }
    }

    /** Summarises {@code wire}, or returns null when it is not a well-formed message. */
    public static @Nullable Summary scan(byte[] wire) {
        int limit = wire.length;
        int pos = WireQuestion.sectionEnd(wire, limit);
        if (pos < 0) {
            return null;
        }
        int questionEnd = pos;
        int answers = WireHeader.answerCount(wire);
        int ttlRecords = answers + WireHeader.authorityCount(wire);
        int total = ttlRecords + WireHeader.additionalCount(wire);
        long minTtl = Long.MAX_VALUE;
        long negativeTtl = -1;
        int extendedRcode = 0;
        int optStart = -1;
        int optEnd = -1;
        for (int i = 0; i < total; i++) {
            int fixed = WireRecord.fixedPart(wire, pos, limit);
            int end = WireRecord.end(wire, fixed, limit);
            if (end < 0) {
                return null;
            }
            int type = WireRecord.type(wire, fixed);
            if (type == WireOpt.TYPE) {
                if (optStart >= 0 || i < ttlRecords) {
                    return null;
                }
                extendedRcode = WireOpt.extendedRcode(wire, fixed);
                optStart = pos;
                optEnd = end;
            } else if (i < ttlRecords) {
                long ttl = WireRecord.ttl(wire, fixed);
                minTtl = Math.min(minTtl, ttl);
                if (i >= answers && type == TYPE_SOA && negativeTtl < 0
                        && WireRecord.rdLength(wire, fixed) >= MIN_SOA_RDATA) {
                    negativeTtl = Math.min(ttl, WireRecord.ttlAt(wire, end - 4));
                }
            }
            pos = end;
        }
        return new Summary(questionEnd, answers, minTtl == Long.MAX_VALUE ? -1 : minTtl, negativeTtl,
                extendedRcode, optStart, optEnd, pos);
    }

    /**
     * Sets the TTL of every resource record of {@code wire} (all sections, OPT excepted) to {@code ttl}.
     *
     * @throws IllegalArgumentException when {@code wire} is not a message {@link #scan} accepts (a caller's
     *                                  bug: the records are walked, so nothing outside them is written)
     */
    public static void rewrite(byte[] wire, int ttl) {
        int limit = wire.length;
        int pos = WireQuestion.sectionEnd(wire, limit);
        int total = pos < 0 ? 0 : WireHeader.recordCount(wire);
        for (int i = 0; i < total && pos >= 0; i++) {
            int fixed = WireRecord.fixedPart(wire, pos, limit);
            pos = WireRecord.end(wire, fixed, limit);
            if (pos >= 0 && WireRecord.type(wire, fixed) != WireOpt.TYPE) {
                WireRecord.setTtl(wire, fixed, ttl);
            }
        }
        if (pos < 0) {
            throw new IllegalArgumentException("not a well-formed DNS message: its TTLs cannot be rewritten");
        }
    }
}
