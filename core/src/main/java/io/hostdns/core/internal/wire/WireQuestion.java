package io.hostdns.core.internal.wire;

/**
 * The question reader (RFC 1035 section 4.1.2): entries of a name, QTYPE and QCLASS right after the
 * header. A first question's name is always uncompressed (see {@link WireName}), so its bytes are
 * exactly what the client wrote and can be copied, hashed or compared as they are.
 *
 * <p>Like every reader of this package: no allocation, no exception on malformed bytes.
 */
public final class WireQuestion {

    private WireQuestion() {
    }

    /**
     * The offset just past the question section of {@code wire[0, limit)} (its QDCOUNT entries), or -1
     * when there is no header or an entry is malformed or cut off.
     */
    public static int sectionEnd(byte[] wire, int limit) {
        if (limit < WireHeader.LENGTH || limit > wire.length) {
            return -1;
        }
        int pos = WireHeader.LENGTH;
        for (int i = WireHeader.questionCount(wire); i > 0; i--) {
            pos = WireName.skip(wire, pos, limit);
            if (pos < 0 || limit - pos < 4) {
                return -1;
            }
            pos += 4;
        }
        return pos;
    }

    /**
     * The offset just past the name of the first question (where its QTYPE starts), or -1 when
     * {@code wire[0, limit)} has no room for a well-formed name, QTYPE and QCLASS there. QDCOUNT is
     * not looked at.
     */
    public static int firstNameEnd(byte[] wire, int limit) {
        if (limit < WireHeader.LENGTH + 5 || limit > wire.length) {
            return -1;
        }
        int end = WireName.skip(wire, WireHeader.LENGTH, limit);
        return end >= 0 && limit - end >= 4 ? end : -1;
    }

    /** QTYPE of the question whose name ends at {@code nameEnd}. */
    public static int type(byte[] wire, int nameEnd) {
        return WireHeader.u16(wire, nameEnd);
    }

    /** QCLASS of the question whose name ends at {@code nameEnd}. */
    public static int dclass(byte[] wire, int nameEnd) {
        return WireHeader.u16(wire, nameEnd + 2);
    }

    /**
     * Whether {@code wire[0, limit)} holds exactly one question and it is {@code name} (uncompressed
     * wire form at {@code nameOffset} of its array, compared ignoring ASCII case), {@code type} and
     * {@code dclass} (RFC 5452 section 9.1).
     */
    public static boolean asksOnly(byte[] wire, int limit, byte[] name, int nameOffset, int type, int dclass) {
        if (limit < WireHeader.LENGTH || limit > wire.length || WireHeader.questionCount(wire) != 1) {
            return false;
        }
        int nameEnd = firstNameEnd(wire, limit);
        return nameEnd >= 0 && type(wire, nameEnd) == type && dclass(wire, nameEnd) == dclass
                && WireName.equalsIgnoreCase(wire, WireHeader.LENGTH, name, nameOffset);
    }
}
