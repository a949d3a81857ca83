package io.hostdns.examples.zone;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.Objects;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;
import reactor.core.publisher.Mono;

/**
 * An authoritative server for one dnsjava {@link Zone}, as a {@link Resolver}: what an upstream such as
 * NSD would answer for its zone.
 * <ul>
 *   <li>names with records of the asked type: NOERROR, AA, the RRsets in the answer section;</li>
 *   <li>a CNAME: the CNAME, followed inside the zone (at most {@value #MAX_CHAIN} links), as RFC 1034 4.3.2 says;</li>
 *   <li>a name that does not exist: NXDOMAIN with the SOA in the authority section (RFC 2308), its TTL
 *       the smaller of the SOA's TTL and MINIMUM;</li>
 *   <li>a name without the asked type (NODATA): NOERROR, empty answer, the SOA in the authority section;</li>
 *   <li>a name below a delegation: a referral (NS in the authority section, no AA);</li>
 *   <li>a name outside the zone, or another class: REFUSED.</li>
 * </ul>
 * The response has ID 0 and no OPT record: a DNS server in front of it sets the client's ID and EDNS.
 * It never fails and never blocks; the zone is only read, so one resolver may serve any number of threads.
 */
public final class ZoneResolver implements Resolver {

    /** The longest CNAME chain followed within the zone. */
    public static final int MAX_CHAIN = 8;

    private final Zone zone;

    /** A resolver answering from {@code zone}, which it only reads. */
    public ZoneResolver(Zone zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The zone's apex, e.g. {@code demo.test.}. */
    public Name origin() {
        return zone.getOrigin();
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.fromSupplier(() -> Answer.of(respond(query), AnswerSource.LOCAL));
    }

    private Message respond(Query query) {
        Message response = new Message(0);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        if (query.dclass() != DClass.IN || !query.name().subdomain(zone.getOrigin())) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        Name name = query.name();
        for (int link = 0; link <= MAX_CHAIN; link++) {
            SetResponse found = zone.findRecords(name, query.type());
            if (found.isCNAME()) {
                CNAMERecord cname = found.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                name = cname.getTarget();
                if (!name.subdomain(zone.getOrigin())) {
                    return response; // the asker follows a chain that leaves our zone
                }
            } else {
                fill(response, found); // after a CNAME, the rcode is the last name's (RFC 6604)
                return response;
            }
        }
        return response; // chain longer than MAX_CHAIN: what we have, the asker may follow it further
    }

    private void fill(Message response, SetResponse found) {
        if (found.isSuccessful()) {
            for (RRset set : found.answers()) {
                set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
            }
        } else if (found.isDelegation()) {
            response.getHeader().unsetFlag(Flags.AA);
            found.getNS().rrs(false).forEach(r -> response.addRecord(r, Section.AUTHORITY));
        } else if (found.isDNAME()) {
            response.addRecord(found.getDNAME(), Section.ANSWER);
        } else {
            if (found.isNXDOMAIN()) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            SOARecord soa = zone.getSOA();
            long negativeTtl = Math.min(soa.getTTL(), soa.getMinimum());
            response.addRecord(new SOARecord(soa.getName(), soa.getDClass(), negativeTtl, soa.getHost(),
                    soa.getAdmin(), soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(),
                    soa.getMinimum()), Section.AUTHORITY);
        }
    }
}
