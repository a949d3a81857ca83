package io.hostdns.core.internal.hosts;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.hosts.HostsResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * Builds the authoritative answers of local names, shared by {@link HostsResolver} and
 * {@link MemberNamesResolver}.
 *
 * <p>Rules: only class IN is answered. For an owned name, A and AAAA get the addresses of that family
 * and ANY gets both; any other type (MX, TXT, CNAME...) and a family with no address get NODATA: the
 * name exists here and nowhere else, so forwarding could only produce a contradicting NXDOMAIN (which
 * musl and some getaddrinfo versions treat as "the name does not exist"). For an owned reverse name,
 * PTR gets the names, other types NODATA. Every answer has AA set, TTL {@value #TTL}, the question echoed
 * exactly as asked (same case) and records owned by the name as asked. NODATA carries a synthetic SOA
 * (TTL and MINIMUM {@value #TTL}) in the authority section, so that caches may keep it, briefly.
 */
public final class LocalAnswers {

    /** TTL of every local answer, as in Talos. */
    public static final long TTL = 10;

    private static final Name SOA_MNAME = Name.fromConstantString("localhost.");
    private static final Name SOA_RNAME = Name.fromConstantString("hostmaster.localhost.");

    private LocalAnswers() {
    }

    /** The local answer to {@code query} from {@code names}, or null when the name is not owned there. */
    public static @Nullable Answer answer(Query query, LocalNames names, AnswerSource source) {
        if (query.dclass() != DClass.IN) {
            return null;
        }
        List<InetAddress> addresses = names.addresses(query.name());
        if (addresses != null) {
            Message reply = reply(query);
            for (InetAddress address : addresses) {
                if (address instanceof Inet4Address v4 && (query.type() == Type.A || query.type() == Type.ANY)) {
                    reply.addRecord(new ARecord(query.name(), DClass.IN, TTL, v4), Section.ANSWER);
                } else if (address instanceof Inet6Address v6 && (query.type() == Type.AAAA || query.type() == Type.ANY)) {
                    reply.addRecord(new AAAARecord(query.name(), DClass.IN, TTL, v6), Section.ANSWER);
                }
            }
            return finish(query, reply, source);
        }
        List<Name> pointers = names.pointers(query.name());
        if (pointers.isEmpty()) {
            return null;
        }
        Message reply = reply(query);
        if (query.type() == Type.PTR || query.type() == Type.ANY) {
            for (Name target : pointers) {
                reply.addRecord(new PTRRecord(query.name(), DClass.IN, TTL, target), Section.ANSWER);
            }
        }
        return finish(query, reply, source);
    }

    /**
     * {@code delegate}'s answer, made to keep the "never empty" clause of the {@link Resolver}
     * contract even when the delegate breaks it.
     */
    public static Mono<Answer> delegate(Resolver delegate, Query query) {
        return delegate.resolve(query).switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)));
    }

    private static Message reply(Query query) {
        Message reply = new Message(0);
        Header header = reply.getHeader();
        header.setFlag(Flags.QR);
        header.setFlag(Flags.AA);
        header.setFlag(Flags.RD);
        header.setFlag(Flags.RA);
        if (query.checkingDisabled()) {
            header.setFlag(Flags.CD);
        }
        header.setRcode(Rcode.NOERROR);
        reply.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        return reply;
    }

    private static Answer finish(Query query, Message reply, AnswerSource source) {
        if (reply.getSection(Section.ANSWER).isEmpty()) {
            reply.addRecord(new SOARecord(query.name(), DClass.IN, TTL, SOA_MNAME, SOA_RNAME, 1, 3600, 600, 86400, TTL),
                    Section.AUTHORITY);
        }
        if (query.udpPayloadSize() > 0) {
            // mirror EDNS as an upstream would; the server replaces OPT per client anyway
            reply.addRecord(new OPTRecord(Query.DEFAULT_UDP_PAYLOAD_SIZE, 0, 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return Answer.of(reply, source);
    }
}
