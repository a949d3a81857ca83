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
 *   <li>authority: only SOA records of the class owned by the question's name or an ancestor of it, whose data
 *       is exactly two names and five 32-bit fields;</li>
 *   <li>additional: at most one OPT, owned by the root, without options;</li>
 *   <li>every name well-formed for {@link WireName} (so decodable by dnsjava, and every compression pointer
 *       aims back past the header: a server rewriting the ID cannot change a name's meaning), and the last
 *       record ending exactly at the end of the message (header counts match, no trailing bytes).</li>
 * </ul>
 * These are the very records the full sanitizer keeps (the chain is the query name alone; an SOA in bailiwick
 * is kept), so it would drop nothing, and every record of them decodes: the bytes are valid as they are.
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
        int pos = answersEnd(wire, nameEnd + 4, limit, type, query.dclass());
        pos = authorityEnd(wire, pos, limit, query.dclass());
        return additionalEnd(wire, pos, limit) == limit;
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
            if (end < 0 || WireRecord.type(wire, fixed) != Type.SOA || WireRecord.dclass(wire, fixed) != dclass
                    || !soaData(wire, WireRecord.rdata(fixed), end) || !ownsQuestionOrAncestor(wire, pos)) {
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

    private static int additionalEnd(byte[] wire, int start, int limit) {
        int count = WireHeader.additionalCount(wire);
        if (start < 0 || count > 1) {
            return -1;
        }
        if (count == 0) {
            return start;
        }
        if (limit - start < WireOpt.LENGTH_WITHOUT_OPTIONS || wire[start] != 0) {
            return -1; // not owned by the root
        }
        int fixed = start + 1;
        return WireRecord.type(wire, fixed) == WireOpt.TYPE && WireRecord.rdLength(wire, fixed) == 0
                ? fixed + WireRecord.FIXED_LENGTH : -1;
    }
}
