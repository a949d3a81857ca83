package io.hostdns.transport.server;

import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import org.jspecify.annotations.Nullable;

/**
 * What the server read from one request packet: its header, the exact bytes of its question and its
 * EDNS parameters. Only the header, the question and the OPT record are decoded (no full parse).
 *
 * @param id             the client's message ID, echoed in the reply
 * @param flags          the 16-bit flags word of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode): RD and
 *                       AD (with {@code dnssecOk}, see {@link #wantsAuthenticData}) shape the reply; CD is in
 *                       {@code query}
 * @param verdict        whether the request is answerable, or must get FORMERR or NOTIMP
 * @param question       the wire bytes of the single question (name, type, class) as the client wrote them,
 *                       null when there is no well-formed single question
 * @param query          the query to resolve, null unless {@code verdict} is {@link Verdict#OK}
 * @param edns           whether the client sent an OPT record
 * @param udpPayloadSize the client's advertised UDP payload size, at least 512 (512 when no OPT)
 * @param dnssecOk       the DO bit of the client's OPT record
 */
record DnsRequest(int id, int flags, Verdict verdict, byte @Nullable [] question, @Nullable Query query,
                  boolean edns, int udpPayloadSize, boolean dnssecOk) {

    /** The classic DNS UDP limit, used when the client sent no OPT record. */
    static final int CLASSIC_UDP_SIZE = 512;

    /** What the server does with a request. */
    enum Verdict {
        /** A standard query with one question: resolve it. */
        OK,
        /** Answer FORMERR: a response (QR=1), not exactly one question, or an unreadable body. */
        FORMERR,
        /** Answer NOTIMP: an opcode other than QUERY (UPDATE, NOTIFY...). */
        NOTIMP,
        /** Answer BADVERS (extended rcode 16): an EDNS version above 0 (RFC 6891 6.1.3). */
        BADVERS
    }

    /** The 4-bit opcode of the header. */
    int opcode() {
        return (flags >>> 11) & 0x0F;
    }

    /**
     * Whether the reply may carry AD: only when the client set DO or AD (RFC 6840 section 5.8, RFC 4035 section
     * 3.2.3); a client that set neither gets AD clear, whatever the answer's verdict.
     */
    boolean wantsAuthenticData() {
        return dnssecOk || (flags & WireHeader.FLAG_AD) != 0;
    }

    /** Whether the client set RD (recursion desired); the reply copies it. */
    boolean recursionDesired() {
        return (flags & 0x0100) != 0;
    }
}
