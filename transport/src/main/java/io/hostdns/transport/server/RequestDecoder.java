package io.hostdns.transport.server;

import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireQuestion;
import io.hostdns.core.internal.wire.WireRecord;
import io.hostdns.transport.server.DnsRequest.Verdict;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;

/**
 * Reads a request packet on the hot path: the header, the one question and the OPT record; every other
 * record is only skipped, with the wire package's walker. A packet shorter than a header is not a request
 * ({@code null}: drop it); any other defect becomes a FORMERR or NOTIMP verdict so the server can still
 * answer the client. Defects: a response (QR), not exactly one question, a malformed name or record, a
 * count running past the end, and an OPT record outside the additional section or not alone
 * (RFC 6891 6.1.1).
 */
final class RequestDecoder {

    private static final int HEADER = WireHeader.LENGTH;
    private static final int NO_OPT = -1;
    private static final int MALFORMED = -2;

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
        int id = WireHeader.id(packet);
        int flags = WireHeader.flags(packet);
        if (WireHeader.isResponse(packet)) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        if (WireHeader.opcode(packet) != 0) {
            return reject(id, flags, Verdict.NOTIMP, null);
        }
        if (WireHeader.questionCount(packet) != 1) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        // a first question's name is uncompressed (the walker rejects any pointer there)
        int nameEnd = WireQuestion.firstNameEnd(packet, limit);
        if (nameEnd < 0) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        byte[] question = Arrays.copyOfRange(packet, HEADER, nameEnd + 4);
        int optFixed = findOpt(packet, nameEnd + 4, limit);
        if (optFixed == MALFORMED) {
            return reject(id, flags, Verdict.FORMERR, question);
        }
        Query query;
        try {
            Name name = new Name(new DNSInput(question));
            // The upstream query always advertises the Flag Day size: the server truncates for its client,
            // so a small client size must not force a TCP retry upstream.
            query = new Query(name, WireQuestion.type(packet, nameEnd), WireQuestion.dclass(packet, nameEnd),
                    false, (flags & WireHeader.FLAG_CD) != 0, Query.DEFAULT_UDP_PAYLOAD_SIZE);
        } catch (IOException | IllegalArgumentException e) {
            return reject(id, flags, Verdict.FORMERR, null);
        }
        if (optFixed < 0) {
            return new DnsRequest(id, flags, Verdict.OK, question, query, false, DnsRequest.CLASSIC_UDP_SIZE, false);
        }
        int size = Math.max(DnsRequest.CLASSIC_UDP_SIZE, WireOpt.payloadSize(packet, optFixed));
        boolean dnssecOk = WireOpt.dnssecOk(packet, optFixed);
        if (WireOpt.version(packet, optFixed) != 0) {
            return new DnsRequest(id, flags, Verdict.BADVERS, question, null, true, size, dnssecOk);
        }
        return new DnsRequest(id, flags, Verdict.OK, question, query.withDnssecOk(dnssecOk), true, size, dnssecOk);
    }

    /**
     * The fixed part of the OPT record among the records from {@code pos} on, {@link #NO_OPT}, or
     * {@link #MALFORMED}. Answer and authority records are unusual in a query; they are only skipped.
     */
    private static int findOpt(byte[] packet, int pos, int limit) {
        int beforeAdditional = WireHeader.answerCount(packet) + WireHeader.authorityCount(packet);
        int total = beforeAdditional + WireHeader.additionalCount(packet);
        int optFixed = NO_OPT;
        for (int i = 0; i < total; i++) {
            int fixed = WireRecord.fixedPart(packet, pos, limit);
            pos = WireRecord.end(packet, fixed, limit);
            if (pos < 0) {
                return MALFORMED;
            }
            if (WireRecord.type(packet, fixed) == WireOpt.TYPE) {
                if (i < beforeAdditional || optFixed >= 0) {
                    return MALFORMED;
                }
                optFixed = fixed;
            }
        }
        return optFixed;
    }

    private static DnsRequest reject(int id, int flags, Verdict verdict, byte @Nullable [] question) {
        return new DnsRequest(id, flags, verdict, question, null, false, DnsRequest.CLASSIC_UDP_SIZE, false);
    }
}
