package io.hostdns.core.internal.wire;

/**
 * The record walker: where the parts of one resource record lie in a message (RFC 1035 section 4.1.3).
 * A record is an owner name, a fixed part (TYPE, CLASS, TTL, RDLENGTH: {@value #FIXED_LENGTH} bytes)
 * and RDLENGTH bytes of RDATA, which is never decoded here.
 *
 * <p>A walk over a section goes {@code fixed = fixedPart(wire, pos, limit)}, then
 * {@code pos = end(wire, fixed, limit)}; either returns -1 when the record is malformed (owner name
 * rejected by {@link WireName}, fixed part or RDATA running past {@code limit}), and {@link #end}
 * passes a -1 on. The field accessors take a {@code fixed} offset that {@link #fixedPart} returned, so
 * their reads are in bounds.
 */
public final class WireRecord {

    /** Bytes of TYPE, CLASS, TTL and RDLENGTH. */
    public static final int FIXED_LENGTH = 10;

    private WireRecord() {
    }

    /** The offset of the fixed part of the record at {@code start}, or -1 when it is malformed. */
    public static int fixedPart(byte[] wire, int start, int limit) {
        int fixed = WireName.skip(wire, start, limit);
        return fixed >= 0 && limit - fixed >= FIXED_LENGTH ? fixed : -1;
    }

    /**
     * The offset of the fixed part of the record at {@code start}, its owner name skipped where it sits
     * ({@link WireName#skipInPlace}: for records checked before, whose pointer targets may be absent), or -1
     * when it runs past {@code limit}.
     */
    public static int fixedPartInPlace(byte[] wire, int start, int limit) {
        int fixed = WireName.skipInPlace(wire, start, limit);
        return fixed >= 0 && limit - fixed >= FIXED_LENGTH ? fixed : -1;
    }

    /**
     * The offset just past the RDATA of the record whose fixed part is at {@code fixed}, or -1 when
     * {@code fixed} is -1 or the RDATA runs past {@code limit}.
     */
    public static int end(byte[] wire, int fixed, int limit) {
        if (fixed < 0) {
            return -1;
        }
        int end = rdata(fixed) + rdLength(wire, fixed);
        return end <= limit ? end : -1;
    }

    /** The offset just past the record at {@code start}, or -1 when it is malformed. */
    public static int skip(byte[] wire, int start, int limit) {
        return end(wire, fixedPart(wire, start, limit), limit);
    }

    /** The record's TYPE. */
    public static int type(byte[] wire, int fixed) {
        return WireHeader.u16(wire, fixed);
    }

    /** The record's CLASS (for OPT, the sender's UDP payload size). */
    public static int dclass(byte[] wire, int fixed) {
        return WireHeader.u16(wire, fixed + 2);
    }

    /**
     * The record's TTL in seconds; a value with the top bit set counts as 0 (RFC 2181 section 8).
     * Meaningless for OPT, whose TTL field holds EDNS fields (see {@link WireOpt}).
     */
    public static long ttl(byte[] wire, int fixed) {
        return ttlAt(wire, fixed + 4);
    }

    /** Sets the record's TTL field. */
    public static void setTtl(byte[] wire, int fixed, int ttl) {
        WireHeader.putU32(wire, fixed + 4, ttl);
    }

    /** The 32-bit TTL-like field at {@code offset} (e.g. an SOA's MINIMUM), read as {@link #ttl} does. */
    static long ttlAt(byte[] wire, int offset) {
        long value = WireHeader.u32(wire, offset);
        return value > Integer.MAX_VALUE ? 0 : value;
    }

    /** RDLENGTH. */
    public static int rdLength(byte[] wire, int fixed) {
        return WireHeader.u16(wire, fixed + 8);
    }

    /** The offset of the RDATA. */
    public static int rdata(int fixed) {
        return fixed + FIXED_LENGTH;
    }
}
