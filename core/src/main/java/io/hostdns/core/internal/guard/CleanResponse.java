package io.hostdns.core.internal.guard;

import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireName;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireQuestion;
import io.hostdns.core.internal.wire.WireRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Type;

/**
 * The sanitizer's fast path, decided over the wire without decoding: whether an upstream response is one that
 * {@link ResponseSanitizer} would keep whole and whose bytes may be relayed as they came. Most misses of a host
 * cache are plain address answers; decoding, cloning and re-encoding them with dnsjava was half the bytes a
 * forwarded miss allocated (issue 14's profile).
 *
 * <p>Clean means, all of it, else the full sanitizer decides:
 * <ul>
 *   <li>a QUERY response, not truncated, with one question: the query's name (ignoring case), type and class;
 *       the type A or AAAA;</li>
 *   <li>answer: records of the question's name, type and class whose data is exactly an address (4 or 16
 *       bytes) — no chain, no signature;</li>
 *   <li>authority: only SOA and NS records of the class owned by the question's name or an ancestor of it,
 *       whose data is exactly two names and five 32-bit fields (SOA) or exactly one name (NS);</li>
 *   <li>additional: at most one OPT, owned by the root, without options, and glue: A or AAAA records (4 or 16
 *       bytes of data) owned by the target of one of those NS records (authoritative servers such as NSD add
 *       the zone's NS and their addresses to every answer);</li>
 *   <li>every name well-formed for {@link WireName} (so decodable by dnsjava, and every compression pointer
 *       aims back past the header: a server rewriting the ID cannot change a name's meaning), and the last
 *       record ending exactly at the end of the message (header counts match, no trailing bytes).</li>
 * </ul>
 * These are the very records the full sanitizer keeps (the chain is the query name alone; SOA and NS records in
 * bailiwick and the glue of those NS records are kept), so it would drop nothing, and every record of them decodes: the bytes are valid as they are.
 */
final class CleanResponse {

    private static final int SOA_FIXED_FIELDS = 20;

    private CleanResponse() {
    }

    /** Whether {@code wire} (a whole message) is a clean response to {@code query} in the sense above. */
    static boolean isClean(byte[] wire, Query query) {
        int limit = wire.length;
        int type = query.type();
        if (limit < WireHeader.LENGTH || (type != Type.A && type != Type.AAAA)
                || WireHeader.opcode(wire) != Opcode.QUERY || WireHeader.isTruncated(wire)
                || WireHeader.questionCount(wire) != 1) {
            return false;
        }
        int nameEnd = WireQuestion.firstNameEnd(wire, limit);
        if (nameEnd < 0 || WireQuestion.type(wire, nameEnd) != type
                || WireQuestion.dclass(wire, nameEnd) != query.dclass()
                || !sameName(wire, query.name().toWireCanonical())) {
            return false;
        }
        int authority = answersEnd(wire, nameEnd + 4, limit, type, query.dclass());
        int additional = authority < 0 ? -1 : authorityEnd(wire, authority, limit, query.dclass());
        return additional >= 0 && additionalEnd(wire, additional, limit, authority) == limit;
    }

    private static boolean sameName(byte[] wire, byte[] canonical) {
        // the question's name is uncompressed (nothing lies before it to point to): equal lengths, then the bytes
        return WireName.length(wire, WireHeader.LENGTH, wire.length) == canonical.length
                && WireName.equalsIgnoreCase(wire, WireHeader.LENGTH, canonical, 0);
    }

    private static int answersEnd(byte[] wire, int start, int limit, int type, int dclass) {
        int pos = start;
        int addressLength = type == Type.A ? 4 : 16;
        for (int i = WireHeader.answerCount(wire); i > 0 && pos >= 0; i--) {
            int fixed = WireRecord.fixedPart(wire, pos, limit);
            int end = WireRecord.end(wire, fixed, limit);
            if (end < 0 || WireRecord.type(wire, fixed) != type || WireRecord.dclass(wire, fixed) != dclass
                    || WireRecord.rdLength(wire, fixed) != addressLength
                    || !WireName.equalsIgnoreCase(wire, pos, wire, WireHeader.LENGTH)) {
                return -1;
            }
            pos = end;
        }
        return pos;
    }

    private static int authorityEnd(byte[] wire, int start, int limit, int dclass) {
        int pos = start;
        for (int i = WireHeader.authorityCount(wire); i > 0 && pos >= 0; i--) {
            int fixed = WireRecord.fixedPart(wire, pos, limit);
            int end = WireRecord.end(wire, fixed, limit);
            if (end < 0 || WireRecord.dclass(wire, fixed) != dclass || !ownsQuestionOrAncestor(wire, pos)) {
                return -1;
            }
            int type = WireRecord.type(wire, fixed);
            int rdata = WireRecord.rdata(fixed);
            boolean exact = type == Type.SOA ? soaData(wire, rdata, end)
                    : type == Type.NS && WireName.skip(wire, rdata, end) == end; // one name, filling the data
            if (!exact) {
                return -1;
            }
            pos = end;
        }
        return pos;
    }

    private static boolean soaData(byte[] wire, int rdata, int end) {
        int mname = WireName.skip(wire, rdata, end);
        int rname = mname < 0 ? -1 : WireName.skip(wire, mname, end);
        return rname >= 0 && end - rname == SOA_FIXED_FIELDS;
    }

    /** Whether the name at {@code owner} is the question's name or one of its ancestors (a suffix of it). */
    private static boolean ownsQuestionOrAncestor(byte[] wire, int owner) {
        int suffix = WireHeader.LENGTH;
        while (true) {
            if (WireName.equalsIgnoreCase(wire, owner, wire, suffix)) {
                return true;
            }
            int label = wire[suffix] & 0xFF;
            if (label == 0) {
                return false;
            }
            suffix += label + 1; // the question's name is uncompressed and well-formed: this stays inside it
        }
    }

    private static int additionalEnd(byte[] wire, int start, int limit, int authorityStart) {
        int pos = start;
        boolean opt = false;
        for (int i = WireHeader.additionalCount(wire); i > 0 && pos >= 0; i--) {
            if (limit - pos >= WireOpt.LENGTH_WITHOUT_OPTIONS && wire[pos] == 0
                    && WireRecord.type(wire, pos + 1) == WireOpt.TYPE) {
                if (opt || WireRecord.rdLength(wire, pos + 1) != 0) {
                    return -1; // a second OPT, or options: the full path decides
                }
                opt = true;
                pos = pos + 1 + WireRecord.FIXED_LENGTH;
                continue;
            }
            int fixed = WireRecord.fixedPart(wire, pos, limit);
            int end = WireRecord.end(wire, fixed, limit);
            if (end < 0 || !addressData(wire, fixed) || !namedByAnNs(wire, pos, authorityStart, start)) {
                return -1;
            }
            pos = end;
        }
        return pos;
    }

    /** An A record with 4 bytes of data or an AAAA record with 16. */
    private static boolean addressData(byte[] wire, int fixed) {
        int type = WireRecord.type(wire, fixed);
        int length = WireRecord.rdLength(wire, fixed);
        return (type == Type.A && length == 4) || (type == Type.AAAA && length == 16);
    }

    /**
     * Whether the name at {@code owner} is the target of an NS record of the authority section, which lies in
     * {@code [from, to)} and was checked whole before: glue the full sanitizer keeps.
     */
    private static boolean namedByAnNs(byte[] wire, int owner, int from, int to) {
        int pos = from;
        while (pos < to) {
            int fixed = WireRecord.fixedPart(wire, pos, to);
            if (fixed < 0) {
                return false;
            }
            if (WireRecord.type(wire, fixed) == Type.NS
                    && WireName.equalsIgnoreCase(wire, owner, wire, WireRecord.rdata(fixed))) {
                return true;
            }
            pos = WireRecord.end(wire, fixed, to);
        }
        return false;
    }
}
