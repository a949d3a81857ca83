package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * The {@code chaos} stage, first in the list: every CHAOS-class question is answered here and never
 * forwarded, since an upstream's {@code version.bind} or {@code id.server} would tell any client who the
 * upstream is. The four names servers are asked about (BIND's and RFC 4892's) get the configured TXT
 * ({@link HostDnsConfig.Chaos}), AA set and TTL 0 as BIND and unbound answer them; an unconfigured name, and
 * every other CHAOS question, gets REFUSED. Every other class goes to {@code next} untouched.
 */
final class ChaosAnswers implements Resolver {

    private static final Name VERSION_BIND = Name.fromConstantString("version.bind.");
    private static final Name VERSION_SERVER = Name.fromConstantString("version.server.");
    private static final Name HOSTNAME_BIND = Name.fromConstantString("hostname.bind.");
    private static final Name ID_SERVER = Name.fromConstantString("id.server.");

    private final Map<Name, String> answers;
    private final Resolver next;

    ChaosAnswers(HostDnsConfig.Chaos config, Resolver next) {
        this.answers = answers(config);
        this.next = next;
    }

    /** The stage list's detail for {@code config}. */
    static String describe(HostDnsConfig.Chaos config) {
        return "CHAOS class answered here, never forwarded: version.bind/version.server "
                + (config.version() == null ? "REFUSED" : "told") + ", hostname.bind/id.server "
                + (config.id() == null ? "REFUSED" : "told") + ", other CHAOS names REFUSED";
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        if (query.dclass() != DClass.CH) {
            return next.resolve(query);
        }
        return Mono.fromSupplier(() -> answer(query));
    }

    private Answer answer(Query query) {
        String text = answers.get(query.name().canonicalize());
        Message reply = new Message(0);
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RD);
        reply.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        if (text == null) {
            reply.getHeader().setRcode(Rcode.REFUSED);
        } else {
            reply.getHeader().setFlag(Flags.AA);
            if (query.type() == Type.TXT || query.type() == Type.ANY) {
                reply.addRecord(new TXTRecord(query.name(), DClass.CH, 0, text), Section.ANSWER);
            }
        }
        if (query.udpPayloadSize() > 0) {
            reply.addRecord(new OPTRecord(Query.DEFAULT_UDP_PAYLOAD_SIZE, 0, 0,
                    query.dnssecOk() ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return Answer.of(reply, AnswerSource.LOCAL);
    }

    private static Map<Name, String> answers(HostDnsConfig.Chaos config) {
        String version = config.version();
        String id = config.id();
        Map<Name, String> map = new HashMap<>();
        put(map, VERSION_BIND, version);
        put(map, VERSION_SERVER, version);
        put(map, HOSTNAME_BIND, id);
        put(map, ID_SERVER, id);
        return Map.copyOf(map);
    }

    private static void put(Map<Name, String> map, Name name, @Nullable String text) {
        if (text != null) {
            map.put(name, text);
        }
    }
}
