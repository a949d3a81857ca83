package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.util.List;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answers a validation ends in, as wire bytes a cache can keep: the verdict is the header (AD set
 * only when secure; SERVFAIL when bogus or indeterminate) and an extended DNS error (RFC 8914) says why
 * a SERVFAIL is one.
 *
 * <p>Every answer is shaped for the asker's query: the CD bit echoes the query's; without DO, the
 * DNSSEC records the validator needed (RRSIG, NSEC, NSEC3) are removed unless they are what was asked
 * (RFC 4035 section 3.2.1); an OPT record (payload {@value Query#DEFAULT_UDP_PAYLOAD_SIZE}, DO as asked)
 * is present exactly when the query used EDNS.
 */
final class VerdictAnswers {

    /** Longest EDE text kept: dnsjava's reasons can quote whole RRsets. */
    private static final int MAX_TEXT = 200;

    private VerdictAnswers() {
    }

    /** {@code response} passed on with AD clear: insecure, or not validated at all. */
    static Answer insecure(Query query, Message response, Answer upstream) {
        return answer(shape(query, response, false), upstream);
    }

    /** {@code validated} with AD set. */
    static Answer secure(Query query, Message validated, Answer upstream) {
        return answer(shape(query, validated, true), upstream);
    }

    /** SERVFAIL with the extended error {@code code} and {@code text}, replacing the upstream's {@code response}. */
    static Answer servfail(Query query, Message response, int code, String text, Answer upstream) {
        Header upstreamHeader = response.getHeader();
        Message m = new Message(upstreamHeader.getID());
        Header h = m.getHeader();
        h.setFlag(Flags.QR);
        copyFlag(upstreamHeader, h, Flags.RD);
        copyFlag(upstreamHeader, h, Flags.RA);
        if (query.checkingDisabled()) {
            h.setFlag(Flags.CD);
        }
        h.setRcode(Rcode.SERVFAIL);
        m.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        if (query.udpPayloadSize() > 0) {
            String shortText = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
            m.addRecord(new OPTRecord(Query.DEFAULT_UDP_PAYLOAD_SIZE, 0, 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0,
                    List.<EDNSOption>of(new ExtendedErrorCodeOption(code, shortText))), Section.ADDITIONAL);
        }
        return answer(m, upstream);
    }

    private static Answer answer(Message m, Answer upstream) {
        return Answer.of(m, upstream.source()).withAttempts(upstream.attempts()).withElapsed(upstream.elapsed());
    }

    private static Message shape(Query query, Message m, boolean authenticated) {
        Header h = m.getHeader();
        setFlag(h, Flags.AD, authenticated);
        setFlag(h, Flags.CD, query.checkingDisabled());
        if (!query.dnssecOk()) {
            for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
                for (Record r : List.copyOf(m.getSection(section))) {
                    if (isDnssecRecord(r.getType()) && r.getType() != query.type()) {
                        m.removeRecord(r, section);
                    }
                }
            }
        }
        OPTRecord opt = m.getOPT();
        if (opt != null) {
            m.removeRecord(opt, Section.ADDITIONAL);
        }
        if (query.udpPayloadSize() > 0) {
            m.addRecord(new OPTRecord(Query.DEFAULT_UDP_PAYLOAD_SIZE, opt == null ? 0 : opt.getExtendedRcode(), 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0,
                    opt == null ? List.of() : opt.getOptions()), Section.ADDITIONAL);
        }
        return m;
    }

    private static boolean isDnssecRecord(int type) {
        return type == Type.RRSIG || type == Type.NSEC || type == Type.NSEC3;
    }

    private static void setFlag(Header h, int flag, boolean on) {
        if (on) {
            h.setFlag(flag);
        } else {
            h.unsetFlag(flag);
        }
    }

    private static void copyFlag(Header from, Header to, int flag) {
        if (from.getFlag(flag)) {
            to.setFlag(flag);
        }
    }
}
