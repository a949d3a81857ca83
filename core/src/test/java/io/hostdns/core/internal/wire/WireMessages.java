package io.hostdns.core.internal.wire;

import io.hostdns.core.Query;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.IntStream;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Messages for the wire tests, written by dnsjava, and hand-made byte strings for what it would not write. */
final class WireMessages {

    private WireMessages() {
    }

    /** An empty response to {@code query} with {@code rcode} and, when the query has EDNS, an OPT record. */
    static Message response(Query query, int rcode) {
        Message m = query.toMessage(0x1234);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        return m;
    }

    static ARecord a(Name owner, long ttl, String address) {
        return new ARecord(owner, 1, ttl, ip(address));
    }

    static SOARecord soa(long soaTtl, long soaMinimum) {
        Name zone = Name.fromConstantString("example.");
        return new SOARecord(zone, 1, soaTtl, Name.fromConstantString("ns.example."),
                Name.fromConstantString("admin.example."), 2024010101L, 3600, 600, 86400, soaMinimum);
    }

    /** A negative response ({@code rcode} NXDOMAIN, or NOERROR for NODATA) with an SOA in authority. */
    static Message negative(Query query, int rcode, long soaTtl, long soaMinimum) {
        Message m = response(query, rcode);
        m.addRecord(soa(soaTtl, soaMinimum), Section.AUTHORITY);
        return m;
    }

    /** The TTLs of every non-OPT record of {@code wire} as dnsjava reads them, in message order. */
    static long[] ttls(byte[] wire) throws java.io.IOException {
        Message m = new Message(wire);
        return IntStream.of(Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL)
                .mapToObj(m::getSection).flatMap(java.util.List::stream)
                .filter(r -> !(r instanceof OPTRecord)).mapToLong(Record::getTTL).toArray();
    }

    /**
     * Bytes from ints (each taken as one unsigned byte) and strings (their ASCII bytes), in order: enough
     * to write a malformed message by hand.
     */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer i) {
                out.write(i);
            } else if (part instanceof String s) {
                out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                throw new IllegalArgumentException("not a byte, string or byte[]: " + part);
            }
        }
        return out.toByteArray();
    }

    /** A header with ID 0x1234, the given flags and counts. */
    static byte[] header(int flags, int qd, int an, int ns, int ar) {
        byte[] h = new byte[WireHeader.LENGTH];
        WireHeader.write(h, 0x1234, flags, qd, an, ns, ar);
        return h;
    }

    /** An uncompressed name of {@code labels} labels of {@code labelLength} 'a's each, root included. */
    static byte[] name(int labels, int labelLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < labels; i++) {
            out.write(labelLength);
            out.writeBytes("a".repeat(labelLength).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
