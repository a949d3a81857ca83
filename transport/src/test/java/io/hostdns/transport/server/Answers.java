package io.hostdns.transport.server;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** Answers a scripted test resolver returns: built with dnsjava for the query it was asked. */
final class Answers {

    static final UpstreamId UPSTREAM = new UpstreamId(0, Protocol.UDP, "192.0.2.53:53");

    private Answers() {
    }

    /** A reply to {@code query} with {@code rcode}, QR and RA set, ID 0 (the server sets the client's). */
    static Message reply(Query query, int rcode) {
        Message m = query.toMessage(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        return m;
    }

    /** NOERROR with one A record. */
    static Answer a(Query query, String address) {
        Message m = reply(query, Rcode.NOERROR);
        try {
            m.addRecord(new ARecord(query.name(), query.dclass(), 300, InetAddress.getByName(address)), Section.ANSWER);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
        return Answer.of(m, AnswerSource.upstream(UPSTREAM));
    }

    /** An answer with {@code rcode} and no records. */
    static Answer rcode(Query query, int rcode) {
        return Answer.of(reply(query, rcode), AnswerSource.upstream(UPSTREAM));
    }

    /** NOERROR with {@code count} TXT records of 200 characters each: about 215 * count bytes. */
    static Answer largeTxt(Query query, int count) {
        Message m = reply(query, Rcode.NOERROR);
        for (int i = 0; i < count; i++) {
            String text = String.format("%03d", i) + "x".repeat(197);
            m.addRecord(new TXTRecord(query.name(), query.dclass(), 300, text), Section.ANSWER);
        }
        return Answer.of(m, AnswerSource.upstream(UPSTREAM));
    }
}
