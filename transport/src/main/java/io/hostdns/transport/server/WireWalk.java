package io.hostdns.transport.server;

/**
 * Bounds-checked steps over DNS wire data: skip a name, skip a resource record. Used by the request
 * decoder and the reply writer, which only need record boundaries, never decoded records.
 * Each method returns the offset just past what it skipped, or -1 when the data is malformed.
 */
final class WireWalk {

    /** Resource record type of the EDNS OPT pseudo-record. */
    static final int TYPE_OPT = 41;

    private WireWalk() {
    }

    /**
     * Skips the name at {@code offset}: labels up to a zero byte, or up to a compression pointer
     * (which ends the name in place). Returns -1 for a truncated name, a label type other than plain
     * or pointer, or a name longer than 255 bytes.
     */
    static int skipName(byte[] wire, int offset, int limit) {
        int pos = offset;
        int length = 0;
        while (pos < limit) {
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return length + 1 <= 255 ? pos + 1 : -1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= limit ? pos + 2 : -1;
            }
            if ((len & 0xC0) != 0) {
                return -1;
            }
            length += len + 1;
            pos += len + 1;
            if (length > 255) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Skips an uncompressed name (as a question must be written). Returns -1 if the name is
     * malformed or uses a compression pointer.
     */
    static int skipPlainName(byte[] wire, int offset, int limit) {
        int pos = offset;
        while (pos < limit) {
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return pos + 1 - offset <= 255 ? pos + 1 : -1;
            }
            if ((len & 0xC0) != 0) {
                return -1;
            }
            pos += len + 1;
        }
        return -1;
    }

    /** Skips one resource record (name, type, class, TTL, rdlength, rdata). */
    static int skipRecord(byte[] wire, int offset, int limit) {
        int pos = skipName(wire, offset, limit);
        if (pos < 0 || pos + 10 > limit) {
            return -1;
        }
        int end = pos + 10 + u16(wire, pos + 8);
        return end <= limit ? end : -1;
    }

    /** The type of the record starting at {@code offset}, which {@link #skipRecord} accepted. */
    static int recordType(byte[] wire, int offset, int limit) {
        return u16(wire, skipName(wire, offset, limit));
    }

    /** The offset of the fixed part (type, class, TTL, rdlength) of the record at {@code offset}. */
    static int fixedPart(byte[] wire, int offset, int limit) {
        return skipName(wire, offset, limit);
    }

    /** The unsigned 16-bit big-endian value at {@code offset}. */
    static int u16(byte[] wire, int offset) {
        return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
    }

    /** Writes {@code value} as an unsigned 16-bit big-endian value at {@code offset}. */
    static void putU16(byte[] wire, int offset, int value) {
        wire[offset] = (byte) (value >>> 8);
        wire[offset + 1] = (byte) value;
    }
}
