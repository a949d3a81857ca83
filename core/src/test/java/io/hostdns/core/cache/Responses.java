package io.hostdns.core.cache;

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
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Test responses built with dnsjava, as an upstream would send them. */
final class Responses {

    static final UpstreamId UPSTREAM = new UpstreamId(0, Protocol.UDP, "127.0.0.1:53");
    static final AnswerSource FROM_UPSTREAM = AnswerSource.upstream(UPSTREAM);

    private Responses() {
    }

    /** An empty response to {@code query} with {@code rcode} and an OPT record. */
    static Message response(Query query, int rcode) {
        Message m = query.toMessage(0x1234);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        return m;
    }

    /** NOERROR with one A record per address, each with {@code ttl}. */
    static Answer a(Query query, long ttl, String... addresses) {
        Message m = response(query, Rcode.NOERROR);
        for (String address : addresses) {
            m.addRecord(new ARecord(query.name(), query.dclass(), ttl, ip(address)), Section.ANSWER);
        }
        return Answer.of(m, FROM_UPSTREAM);
    }

    /** A negative answer ({@code rcode} NXDOMAIN, or NOERROR for NODATA) with an SOA in authority. */
    static Answer negative(Query query, int rcode, long soaTtl, long soaMinimum) {
        Message m = response(query, rcode);
        m.addRecord(soa(soaTtl, soaMinimum), Section.AUTHORITY);
        return Answer.of(m, FROM_UPSTREAM);
    }

    static Record soa(long soaTtl, long soaMinimum) {
        Name zone = Name.fromConstantString("example.");
        return new SOARecord(zone, 1, soaTtl, Name.fromConstantString("ns.example."),
                Name.fromConstantString("admin.example."), 2024010101L, 3600, 600, 86400, soaMinimum);
    }

    /** A response with {@code rcode} and no records. */
    static Answer rcode(Query query, int rcode) {
        return Answer.of(response(query, rcode), FROM_UPSTREAM);
    }

    /** A NOERROR answer with the TC bit set. */
    static Answer truncated(Query query) {
        Message m = response(query, Rcode.NOERROR);
        m.getHeader().setFlag(Flags.TC);
        m.addRecord(new ARecord(query.name(), query.dclass(), 300, ip("192.0.2.1")), Section.ANSWER);
        return Answer.of(m, FROM_UPSTREAM);
    }

    /** The TTLs of every non-OPT record of {@code answer}, in message order. */
    static long[] ttls(Answer answer) {
        Message m = answer.message();
        return java.util.stream.IntStream.of(Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL)
                .mapToObj(m::getSection).flatMap(java.util.List::stream)
                .filter(r -> !(r instanceof OPTRecord)).mapToLong(Record::getTTL).toArray();
    }

    /** The one answer {@code mono} emits, checked with StepVerifier. */
    static Answer single(reactor.core.publisher.Mono<Answer> mono) {
        java.util.concurrent.atomic.AtomicReference<Answer> ref = new java.util.concurrent.atomic.AtomicReference<>();
        reactor.test.StepVerifier.create(mono).consumeNextWith(ref::set).verifyComplete();
        return ref.get();
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
