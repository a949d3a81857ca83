package io.hostdns.transport.udp;

import io.hostdns.core.Query;
import io.netty.buffer.ByteBuf;
import org.xbill.DNS.DNSOutput;

/**
 * Writes the wire form of a {@link Query} straight into a {@link ByteBuf}: the same bytes as
 * {@code query.toWire(id)} (header with RD and, when asked, CD; the one question; an OPT record with
 * the payload size and the DO bit when EDNS is on), without building a dnsjava {@code Message}, its
 * record lists, a {@code Compression} table and the intermediate arrays for every query.
 *
 * <p>Not thread-safe: it keeps one reusable output adapter, so each instance belongs to one event loop
 * (one socket).
 */
final class QueryWire {

    private static final int HEADER = 12;
    private static final int OPT_RECORD = 11;
    private static final int FLAG_RD = 0x0100;
    private static final int FLAG_CD = 0x0010;
    private static final int TYPE_OPT = 41;
    private static final int EDNS_DO = 0x8000;

    private final ByteBufOutput output = new ByteBufOutput();

    /** The length in bytes of {@code query}'s wire form. */
    static int length(Query query) {
        return HEADER + query.name().length() + 4 + (query.udpPayloadSize() > 0 ? OPT_RECORD : 0);
    }

    /** Appends {@code query} with message ID {@code id} to {@code out}. */
    void write(Query query, int id, ByteBuf out) {
        boolean edns = query.udpPayloadSize() > 0;
        out.writeShort(id);
        out.writeShort(FLAG_RD | (query.checkingDisabled() ? FLAG_CD : 0));
        out.writeShort(1); // QDCOUNT
        out.writeShort(0); // ANCOUNT
        out.writeShort(0); // NSCOUNT
        out.writeShort(edns ? 1 : 0); // ARCOUNT
        output.target = out;
        try {
            query.name().toWire(output, null); // uncompressed: the only name in the message
        } finally {
            output.target = null;
        }
        out.writeShort(query.type());
        out.writeShort(query.dclass());
        if (edns) {
            out.writeByte(0); // owner: the root
            out.writeShort(TYPE_OPT);
            out.writeShort(query.udpPayloadSize()); // CLASS = requestor's UDP payload size
            out.writeByte(0); // extended RCODE
            out.writeByte(0); // EDNS version 0
            out.writeShort(query.dnssecOk() ? EDNS_DO : 0);
            out.writeShort(0); // RDLENGTH: no options
        }
    }

    /**
     * dnsjava's {@link DNSOutput} writing through to a ByteBuf, so that {@code Name.toWire} copies the
     * labels straight into the datagram. Only the writes an uncompressed name makes are supported.
     */
    private static final class ByteBufOutput extends DNSOutput {
        private ByteBuf target;

        ByteBufOutput() {
            super(0);
        }

        @Override
        public void writeU8(int val) {
            target.writeByte(val);
        }

        @Override
        public void writeU16(int val) {
            target.writeShort(val);
        }

        @Override
        public void writeByteArray(byte[] b, int off, int len) {
            target.writeBytes(b, off, len);
        }

        @Override
        public void writeByteArray(byte[] b) {
            target.writeBytes(b);
        }

        // Name.toWire asks for the position only to record compression targets; QueryWire writes the
        // question name with a null Compression, so reaching this is a programming error, not input.
        @Override
        public int current() {
            throw new UnsupportedOperationException("positions are not tracked: write uncompressed names only");
        }
    }
}
