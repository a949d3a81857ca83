package io.hostdns.transport.reliability;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** What a stub got from the forwarder for one A query, and how long it took. */
record StubResult(int rcode, List<String> addresses, @Nullable Integer ede, String rendered, Duration elapsed) {

    /** Asks {@code name} A through {@code pipeline}'s server with EDNS (UDP, TCP on TC=1; or TCP only). */
    static StubResult ask(ForwardingPipeline pipeline, String name, boolean tcp) throws Exception {
        SimpleResolver stub = pipeline.stub(tcp, Duration.ofSeconds(5));
        stub.setEDNS(0, 1232, 0, List.of());
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        long start = System.nanoTime();
        Message reply = stub.send(query);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return of(reply, elapsed);
    }

    static StubResult of(Message reply, Duration elapsed) {
        List<String> addresses = reply.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof ARecord).map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
        Integer ede = null;
        OPTRecord opt = reply.getOPT();
        if (opt != null) {
            for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
                ede = ((ExtendedErrorCodeOption) option).getErrorCode();
            }
        }
        return new StubResult(reply.getRcode(), addresses, ede, reply.toString(), elapsed);
    }
}
