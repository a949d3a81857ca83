package io.hostdns.core.internal.wire;

import java.util.Objects;

/**
 * The one walker over domain names in wire form (RFC 1035 sections 3.1 and 4.1.4): what every reader of
 * DNS bytes in hostdns accepts as a name.
 *
 * <p>A name is a sequence of labels ending in the root label, possibly ending instead in a compression
 * pointer to the rest of it. A name is well-formed when:
 * <ul>
 *   <li>every label is at most {@value #MAX_LABEL_LENGTH} bytes; the label types 0x40 and 0x80
 *       (extended and reserved, RFC 6891 section 5) are rejected;</li>
 *   <li>its uncompressed length, length octets and root included, is at most {@value #MAX_LENGTH};</li>
 *   <li>every compression pointer aims past the header and strictly before the start of the run of
 *       labels it ends (the name's start, or the previous pointer's target): pointers go backwards
 *       only and every hop lands further back, so no pointer loops, and at most {@value #MAX_POINTERS}
 *       are followed;</li>
 *   <li>nothing of it, pointer targets included, lies at or past {@code limit}.</li>
 * </ul>
 * dnsjava accepts every name this walker accepts, with the same labels; it also accepts some this
 * walker rejects (a pointer into the header, or to a later part of the same name).
 *
 * <p>A name at the start of the question section can hold no pointer under these rules (there is
 * nothing before it to point to), so a question's name is always uncompressed.
 *
 * <p>Nothing here allocates or throws on malformed bytes; only arguments that are not an offset range
 * of the array ({@code 0 <= offset <= limit <= wire.length}) throw {@link IndexOutOfBoundsException}.
 */
public final class WireName {

    /** The longest uncompressed name, length octets and the root label included (RFC 1035 2.3.4). */
    public static final int MAX_LENGTH = 255;
    /** The longest label. */
    public static final int MAX_LABEL_LENGTH = 63;
    /** The most compression pointers followed in one name (a 255-byte name has at most 127 labels). */
    public static final int MAX_POINTERS = 127;

    private static final int POINTER = 0xC0;
    private static final int MAX_LABELS = (MAX_LENGTH - 1) / 2;

    private WireName() {
    }

    /**
     * The offset just past the name at {@code offset} as it sits in the message (after its root label,
     * or after the pointer that ends it), or -1 when the name is not well-formed.
     */
    public static int skip(byte[] wire, int offset, int limit) {
        long walked = walk(wire, offset, limit);
        return walked < 0 ? -1 : (int) walked;
    }

    /**
     * The length of the name at {@code offset} written uncompressed (1 for the root, at most
     * {@value #MAX_LENGTH}), or -1 when it is not well-formed.
     */
    public static int length(byte[] wire, int offset, int limit) {
        long walked = walk(wire, offset, limit);
        return walked < 0 ? -1 : (int) (walked >>> 32);
    }

    /**
     * The offset just past the name at {@code offset} as it sits, without following its compression pointer:
     * after its root label, or after the pointer that ends it; -1 when its labels run to or past {@code limit}
     * or hold a reserved label type. Only for names a full walk ({@link #skip}) accepted when the message was
     * whole, in a copy of its records that lacks what the pointers aim at (a cached response without its
     * question): nothing here checks the pointer or the name's length.
     */
    public static int skipInPlace(byte[] wire, int offset, int limit) {
        Objects.checkFromToIndex(offset, limit, wire.length);
        int pos = offset;
        while (pos < limit) {
            int octet = wire[pos] & 0xFF;
            if (octet == 0) {
                return pos + 1;
            }
            if (octet <= MAX_LABEL_LENGTH) {
                pos += octet + 1;
            } else if ((octet & POINTER) == POINTER) {
                return pos + 2 <= limit ? pos + 2 : -1;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The uncompressed length in the high half and the end in the low half, or -1. */
    private static long walk(byte[] wire, int offset, int limit) {
        Objects.checkFromToIndex(offset, limit, wire.length);
        int pos = offset;
        int runStart = offset;
        int end = -1;
        int length = 0;
        int pointers = 0;
        while (pos < limit) {
            int octet = wire[pos] & 0xFF;
            if (octet == 0) {
                return ((long) (length + 1) << 32) | (end < 0 ? pos + 1 : end);
            }
            if (octet <= MAX_LABEL_LENGTH) {
                length += octet + 1;
                if (length >= MAX_LENGTH) {
                    return -1; // no room left for the root label
                }
                pos += octet + 1;
            } else if ((octet & POINTER) == POINTER && pos + 1 < limit) {
                int target = ((octet & ~POINTER) << 8) | (wire[pos + 1] & 0xFF);
                if (target < WireHeader.LENGTH || target >= runStart || ++pointers > MAX_POINTERS) {
                    return -1;
                }
                if (end < 0) {
                    end = pos + 2;
                }
                runStart = target;
                pos = target;
            } else {
                return -1; // label type 0x40 or 0x80, or a pointer cut off by the limit
            }
        }
        return -1;
    }

    /**
     * Whether the name at {@code aOffset} of message {@code a} and the one at {@code bOffset} of message
     * {@code b} are the same name, ignoring ASCII case (RFC 4343), whatever their compression. Both should
     * be names {@link #skip} accepted; for other bytes the answer is false or meaningless, but the walk
     * still stays inside both arrays and ends.
     */
    public static boolean equalsIgnoreCase(byte[] a, int aOffset, byte[] b, int bOffset) {
        int pa = aOffset;
        int pb = bOffset;
        for (int labels = 0; labels <= MAX_LABELS; labels++) {
            pa = followPointers(a, pa);
            pb = followPointers(b, pb);
            if (pa < 0 || pb < 0) {
                return false;
            }
            int length = a[pa] & 0xFF;
            if (length != (b[pb] & 0xFF) || length > MAX_LABEL_LENGTH
                    || pa + length >= a.length || pb + length >= b.length) {
                return false;
            }
            if (length == 0) {
                return true;
            }
            for (int i = 1; i <= length; i++) {
                if (lower(a[pa + i]) != lower(b[pb + i])) {
                    return false;
                }
            }
            pa += length + 1;
            pb += length + 1;
        }
        return false;
    }

    /** The position of the label that {@code pos} holds or points to, or -1. */
    private static int followPointers(byte[] wire, int pos) {
        for (int hops = 0; pos >= 0 && pos < wire.length; hops++) {
            int octet = wire[pos] & 0xFF;
            if ((octet & POINTER) != POINTER) {
                return pos;
            }
            if (hops == MAX_POINTERS || pos + 1 >= wire.length) {
                return -1;
            }
            pos = ((octet & ~POINTER) << 8) | (wire[pos + 1] & 0xFF);
        }
        return -1;
    }

    /**
     * A hash of the uncompressed name in {@code wire[offset, end)} that ignores ASCII case: equal for
     * names {@link #equalsIgnoreCase} finds equal, and the same as {@link java.util.Arrays#hashCode(byte[])}
     * of the name's {@linkplain #copyLowerCase lower-cased copy}.
     */
    public static int hashLowerCase(byte[] wire, int offset, int end) {
        Objects.checkFromToIndex(offset, end, wire.length);
        int hash = 1;
        for (int i = offset; i < end; i++) {
            hash = 31 * hash + lower(wire[i]);
        }
        return hash;
    }

    /**
     * Copies the uncompressed name in {@code wire[offset, end)} to {@code dest} at {@code destOffset},
     * ASCII letters lower-cased. Length octets are below 64, so only label bytes can change.
     */
    public static void copyLowerCase(byte[] wire, int offset, int end, byte[] dest, int destOffset) {
        Objects.checkFromToIndex(offset, end, wire.length);
        Objects.checkFromIndexSize(destOffset, end - offset, dest.length);
        for (int i = offset; i < end; i++) {
            dest[destOffset + i - offset] = lower(wire[i]);
        }
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
