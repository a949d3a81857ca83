package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * The {@code disableIPv6} stage: every AAAA question is answered here with NODATA (NOERROR, no records,
 * a synthetic SOA with TTL and MINIMUM {@value #TTL} s so that stub resolvers cache the "no" briefly), source
 * {@link AnswerSource#LOCAL}; every other question goes to {@code next}. A host without IPv6 then never
 * waits on AAAA lookups nor gets an NXDOMAIN for a name whose A exists.
 */
final class Ipv6Disabled implements Resolver {

    /** TTL of the synthetic SOA, like the local answers of static hosts. */
    static final long TTL = 10;

    private static final Name MNAME = Name.fromConstantString("localhost.");
    private static final Name RNAME = Name.fromConstantString("hostmaster.localhost.");

    private final Resolver next;

    Ipv6Disabled(Resolver next) {
        this.next = next;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        if (query.type() != Type.AAAA) {
            return next.resolve(query);
        }
        return Mono.fromSupplier(() -> nodata(query));
    }

    static Answer nodata(Query query) {
        Message reply = new Message(0);
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RD);
        reply.getHeader().setFlag(Flags.RA);
        reply.getHeader().setRcode(Rcode.NOERROR);
        reply.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        reply.addRecord(new SOARecord(query.name(), DClass.IN, TTL, MNAME, RNAME, 1, 3600, 600, 86400, TTL),
                Section.AUTHORITY);
        if (query.udpPayloadSize() > 0) {
            reply.addRecord(new OPTRecord(Query.DEFAULT_UDP_PAYLOAD_SIZE, 0, 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return Answer.of(reply, AnswerSource.LOCAL);
    }
}
