package io.hostdns.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Builds responses for tests: a reply to a {@link Query} with the given rcode and records. */
public final class TestAnswers {

    public static final UpstreamId UPSTREAM = new UpstreamId(0, Protocol.UDP, "192.0.2.1:53");

    private TestAnswers() {
    }

    /** A reply message to {@code query} with {@code rcode}, no records, QR and RA set. */
    public static Message reply(Query query, int rcode) {
        Message m = query.toMessage(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        return m;
    }

    /** NOERROR with one A record of {@code address} and {@code ttl}. */
    public static Answer a(Query query, String address, long ttl) {
        Message m = reply(query, Rcode.NOERROR);
        try {
            m.addRecord(new ARecord(query.name(), query.dclass(), ttl, InetAddress.getByName(address)), Section.ANSWER);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
        return Answer.of(m, AnswerSource.upstream(UPSTREAM));
    }

    /** NXDOMAIN with an SOA of the given TTL and MINIMUM in the authority section. */
    public static Answer nxdomain(Query query, long soaTtl, long soaMinimum) {
        Message m = reply(query, Rcode.NXDOMAIN);
        m.addRecord(soa(soaTtl, soaMinimum), Section.AUTHORITY);
        return Answer.of(m, AnswerSource.upstream(UPSTREAM));
    }

    /** An answer with {@code rcode} and no records. */
    public static Answer rcode(Query query, int rcode) {
        return Answer.of(reply(query, rcode), AnswerSource.upstream(UPSTREAM));
    }

    private static SOARecord soa(long ttl, long minimum) {
        Name zone = Name.fromConstantString("example.");
        return new SOARecord(zone, org.xbill.DNS.DClass.IN, ttl, Name.fromConstantString("ns.example."),
                Name.fromConstantString("admin.example."), 1, 3600, 600, 86400, minimum);
    }
}
