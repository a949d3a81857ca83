package io.hostdns.core.internal.wire;

/**
 * The EDNS(0) OPT pseudo-record (RFC 6891 section 6.1): its fields read from a record the
 * {@link WireRecord} walker found, and a fresh one written. OPT lives only in the additional section,
 * at most once per message; its CLASS is the sender's UDP payload size and its TTL holds the upper
 * 8 bits of the extended RCODE, the EDNS version and the flags (DO).
 */
public final class WireOpt {

    /** The TYPE of OPT. */
    public static final int TYPE = 41;
    /** Length of an OPT record without options: root owner and the fixed part. */
    public static final int LENGTH_WITHOUT_OPTIONS = 1 + WireRecord.FIXED_LENGTH;
    /** The DO (DNSSEC OK) bit of the EDNS flags. */
    public static final int FLAG_DO = 0x8000;

    private WireOpt() {
    }

    /** The sender's UDP payload size of the OPT record whose fixed part is at {@code fixed}. */
    public static int payloadSize(byte[] wire, int fixed) {
        return WireRecord.dclass(wire, fixed);
    }

    /** The upper 8 bits of the extended RCODE. */
    public static int extendedRcode(byte[] wire, int fixed) {
        return wire[fixed + 4] & 0xFF;
    }

    /** The EDNS version (0 is the only one defined). */
    public static int version(byte[] wire, int fixed) {
        return wire[fixed + 5] & 0xFF;
    }

    /** Whether the DO bit is set. */
    public static boolean dnssecOk(byte[] wire, int fixed) {
        return (WireHeader.u16(wire, fixed + 6) & FLAG_DO) != 0;
    }

    /**
     * Writes an OPT record at {@code offset} of {@code out}: root owner, {@code payloadSize}, the extended
     * RCODE bits, version 0, the DO bit, and {@code options} (EDNS options in wire form, each with its code
     * and length) as RDATA. Returns the offset just past it.
     */
    public static int write(byte[] out, int offset, int payloadSize, int extendedRcode, boolean dnssecOk,
                            byte[] options) {
        out[offset] = 0;
        int fixed = offset + 1;
        WireHeader.putU16(out, fixed, TYPE);
        WireHeader.putU16(out, fixed + 2, payloadSize);
        out[fixed + 4] = (byte) extendedRcode;
        out[fixed + 5] = 0;
        WireHeader.putU16(out, fixed + 6, dnssecOk ? FLAG_DO : 0);
        WireHeader.putU16(out, fixed + 8, options.length);
        System.arraycopy(options, 0, out, WireRecord.rdata(fixed), options.length);
        return WireRecord.rdata(fixed) + options.length;
    }

    /** The option code of an Extended DNS Error (RFC 8914). */
    public static final int EDE_OPTION_CODE = 15;

    /**
     * The Extended DNS Error options (RFC 8914) of the OPT record whose fixed part is at {@code fixed}, in wire
     * form (code, length and data of each), in order; empty when it has none. Other options are left out, and an
     * option running past the record's data ends the list.
     */
    public static byte[] edeOptions(byte[] wire, int fixed) {
        int pos = WireRecord.rdata(fixed);
        int end = Math.min(wire.length, pos + WireRecord.rdLength(wire, fixed));
        byte[] out = new byte[Math.max(0, end - pos)];
        int length = 0;
        while (pos + 4 <= end) {
            int optionLength = 4 + WireHeader.u16(wire, pos + 2);
            if (pos + optionLength > end) {
                break;
            }
            if (WireHeader.u16(wire, pos) == EDE_OPTION_CODE) {
                System.arraycopy(wire, pos, out, length, optionLength);
                length += optionLength;
            }
            pos += optionLength;
        }
        return java.util.Arrays.copyOf(out, length);
    }

    /** The INFO-CODE of the first Extended DNS Error in {@code options} (as {@link #edeOptions} returns them), or -1. */
    public static int firstEdeCode(byte[] options) {
        return options.length >= 6 && WireHeader.u16(options, 2) >= 2 ? WireHeader.u16(options, 4) : -1;
    }
}
