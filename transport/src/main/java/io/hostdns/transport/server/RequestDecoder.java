package io.hostdns.transport.server;

import io.hostdns.core.Query;
import io.hostdns.transport.server.DnsRequest.Verdict;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;

/**
 * Reads a request packet on the hot path: the header, the one question and the OPT record; every other
 * record is only skipped. A packet shorter than a header is not a request ({@code null}: drop it); any
 * other defect becomes a FORMERR or NOTIMP verdict so the server can still answer the client.
 */
final class RequestDecoder {

    private static final int HEADER = 12;
    private static final int FLAG_QR = 0x8000;

    private RequestDecoder() {
    }

    /**
     * Decodes {@code packet}.
     *
     * @return the request, or null when fewer than 12 bytes arrived (nothing to answer to)
     */
    static @Nullable DnsRequest decode(byte[] packet) {
        int limit = packet.length;
        if (limit < HEADER) {
            return null;
        }
        int id = WireWalk.u16(packet, 0);
        int flags = WireWalk.u16(packet, 2);
        if ((flags & FLAG_QR) != 0) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        if (((flags >>> 11) & 0x0F) != 0) {
            return reject(id, flags, Verdict.NOTIMP, null);
        }
        if (WireWalk.u16(packet, 4) != 1) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        int nameEnd = WireWalk.skipPlainName(packet, HEADER, limit);
        if (nameEnd < 0 || nameEnd + 4 > limit) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        byte[] question = java.util.Arrays.copyOfRange(packet, HEADER, nameEnd + 4);
        int type = WireWalk.u16(packet, nameEnd);
        int dclass = WireWalk.u16(packet, nameEnd + 2);

        // Answer and authority sections are unusual in a query; skip them to reach the OPT record.
        int pos = nameEnd + 4;
        int skipped = WireWalk.u16(packet, 6) + WireWalk.u16(packet, 8);
        for (int i = 0; i < skipped && pos >= 0; i++) {
            pos = WireWalk.skipRecord(packet, pos, limit);
        }
        int optAt = -1;
        int additional = WireWalk.u16(packet, 10);
        for (int i = 0; i < additional && pos >= 0; i++) {
            int next = WireWalk.skipRecord(packet, pos, limit);
            if (next >= 0 && WireWalk.recordType(packet, pos, limit) == WireWalk.TYPE_OPT) {
                if (optAt >= 0) {
                    return reject(id, flags, Verdict.FORMERR, question); // RFC 6891 6.1.1: one OPT at most
                }
                optAt = WireWalk.fixedPart(packet, pos, limit);
            }
            pos = next;
        }
        if (pos < 0) {
            return reject(id, flags, Verdict.FORMERR, question);
        }
        Query query;
        try {
            Name name = new Name(new DNSInput(question));
            // The upstream query always advertises the Flag Day size: the server truncates for its client,
            // so a small client size must not force a TCP retry upstream.
            query = new Query(name, type, dclass, false, (flags & 0x0010) != 0, Query.DEFAULT_UDP_PAYLOAD_SIZE);
        } catch (IOException | IllegalArgumentException e) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        if (optAt < 0) {
            return new DnsRequest(id, flags, Verdict.OK, question, query, false, DnsRequest.CLASSIC_UDP_SIZE, false);
        }
        int size = Math.max(DnsRequest.CLASSIC_UDP_SIZE, WireWalk.u16(packet, optAt + 2));
        boolean dnssecOk = (packet[optAt + 6] & 0x80) != 0;
        if (packet[optAt + 5] != 0) {
            return new DnsRequest(id, flags, Verdict.BADVERS, question, null, true, size, dnssecOk);
        }
        return new DnsRequest(id, flags, Verdict.OK, question, query.withDnssecOk(dnssecOk), true, size, dnssecOk);
    }

    private static DnsRequest reject(int id, int flags, Verdict verdict, byte @Nullable [] question) {
        return new DnsRequest(id, flags, verdict, question, null, false, DnsRequest.CLASSIC_UDP_SIZE, false);
    }
}
