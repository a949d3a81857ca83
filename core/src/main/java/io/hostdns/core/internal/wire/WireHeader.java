package io.hostdns.core.internal.wire;

/**
 * The 12-byte DNS message header (RFC 1035 section 4.1.1): reads and writes of its ID, flags, RCODE and
 * section counts, and the big-endian field access every wire reader uses.
 *
 * <p>Contract: the accessors of header fields need {@code wire.length >= }{@value #LENGTH} (check with
 * {@link #isPresent}); {@link #u16}, {@link #u32} and {@link #putU16} read or write exactly the bytes
 * they name and throw {@link IndexOutOfBoundsException} only on a caller's bug, never on a limit a
 * walker has checked.
 */
public final class WireHeader {

    /** Length of the header; the question section starts here. */
    public static final int LENGTH = 12;
    /** QR: the message is a response. */
    public static final int FLAG_QR = 0x8000;
    /** The 4-bit opcode field of the flags word. */
    public static final int OPCODE_MASK = 0x7800;
    /** AA: authoritative answer. */
    public static final int FLAG_AA = 0x0400;
    /** TC: truncated. */
    public static final int FLAG_TC = 0x0200;
    /** RD: recursion desired. */
    public static final int FLAG_RD = 0x0100;
    /** RA: recursion available. */
    public static final int FLAG_RA = 0x0080;
    /** AD: authentic data (RFC 4035 section 3.2.3; in a query, RFC 6840 section 5.7: the asker understands it). */
    public static final int FLAG_AD = 0x0020;
    /** CD: checking disabled. */
    public static final int FLAG_CD = 0x0010;
    /** The 4-bit RCODE field of the flags word. */
    public static final int RCODE_MASK = 0x000F;

    private WireHeader() {
    }

    /** Whether {@code wire} is long enough to hold a header. */
    public static boolean isPresent(byte[] wire) {
        return wire.length >= LENGTH;
    }

    /** The message ID. */
    public static int id(byte[] wire) {
        return u16(wire, 0);
    }

    /** Sets the message ID. */
    public static void setId(byte[] wire, int id) {
        putU16(wire, 0, id);
    }

    /** The 16-bit flags word (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE). */
    public static int flags(byte[] wire) {
        return u16(wire, 2);
    }

    /** Sets the 16-bit flags word. */
    public static void setFlags(byte[] wire, int flags) {
        putU16(wire, 2, flags);
    }

    /** The 4-bit opcode (0 is QUERY). */
    public static int opcode(byte[] wire) {
        return (flags(wire) & OPCODE_MASK) >>> 11;
    }

    /** The 4-bit RCODE of the header (the upper bits of an extended RCODE live in the OPT record). */
    public static int rcode(byte[] wire) {
        return wire[3] & RCODE_MASK;
    }

    /** Whether QR is set. */
    public static boolean isResponse(byte[] wire) {
        return (flags(wire) & FLAG_QR) != 0;
    }

    /** Whether TC is set. */
    public static boolean isTruncated(byte[] wire) {
        return (flags(wire) & FLAG_TC) != 0;
    }

    /** QDCOUNT: entries in the question section. */
    public static int questionCount(byte[] wire) {
        return u16(wire, 4);
    }

    /** ANCOUNT: records in the answer section. */
    public static int answerCount(byte[] wire) {
        return u16(wire, 6);
    }

    /** NSCOUNT: records in the authority section. */
    public static int authorityCount(byte[] wire) {
        return u16(wire, 8);
    }

    /** ARCOUNT: records in the additional section, an OPT record included. */
    public static int additionalCount(byte[] wire) {
        return u16(wire, 10);
    }

    /** Sets ARCOUNT. */
    public static void setAdditionalCount(byte[] wire, int count) {
        putU16(wire, 10, count);
    }

    /** Records in the answer, authority and additional sections together. */
    public static int recordCount(byte[] wire) {
        return answerCount(wire) + authorityCount(wire) + additionalCount(wire);
    }

    /** Writes a whole header at the start of {@code out}. */
    public static void write(byte[] out, int id, int flags, int questions, int answers, int authority,
                             int additional) {
        putU16(out, 0, id);
        putU16(out, 2, flags);
        putU16(out, 4, questions);
        putU16(out, 6, answers);
        putU16(out, 8, authority);
        putU16(out, 10, additional);
    }

    /** The unsigned 16-bit big-endian value at {@code offset}. */
    public static int u16(byte[] wire, int offset) {
        return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
    }

    /** The unsigned 32-bit big-endian value at {@code offset}. */
    public static long u32(byte[] wire, int offset) {
        return ((long) u16(wire, offset) << 16) | u16(wire, offset + 2);
    }

    /** Writes the low 16 bits of {@code value} big-endian at {@code offset}. */
    public static void putU16(byte[] wire, int offset, int value) {
        wire[offset] = (byte) (value >>> 8);
        wire[offset + 1] = (byte) value;
    }

    /** Writes {@code value} as a 32-bit big-endian value at {@code offset}. */
    public static void putU32(byte[] wire, int offset, int value) {
        putU16(wire, offset, value >>> 16);
        putU16(wire, offset + 2, value);
    }
}
