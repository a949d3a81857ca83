package io.hostdns.examples.cli;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.examples.zone.DemoZone;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.udp.UdpDnsClient;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * {@code serve --demo --self-test}: asks the running forwarder for {@code www.demo.test} A over UDP twice, the
 * first time a miss that reaches the demo zone, the second a hit the server answers from its cache, and
 * prints both. It exercises what serving does, which is why the launcher records its class-data archive from
 * this run.
 */
final class SelfTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SelfTest() {
    }

    /** 0 when both answers were NOERROR, else 1 (a failure to answer at all is printed the same way). */
    static int run(InetSocketAddress listener, DnsResources resources, PrintWriter out) {
        Query query = Query.of(Name.fromConstantString("www." + DemoZone.ORIGIN), Type.A);
        UdpDnsClient client = UdpDnsClient.builder(resources,
                new UpstreamId(0, Protocol.UDP, listener.getAddress().getHostAddress() + ":" + listener.getPort()),
                listener).build();
        int failures = 0;
        try {
            for (String round : List.of("miss", "cache hit")) {
                String outcome;
                try {
                    Answer answer = client.resolve(query).block(WAIT);
                    outcome = answer == null ? "no answer" : Rcode.string(answer.rcode()) + ", "
                            + answer.message().getSection(org.xbill.DNS.Section.ANSWER).size() + " answer records";
                    if (answer == null || answer.rcode() != Rcode.NOERROR) {
                        failures++;
                    }
                } catch (RuntimeException e) {
                    outcome = "failed: " + e.getMessage();
                    failures++;
                }
                out.println("self-test " + query.name() + " A (" + round + "): " + outcome);
            }
        } finally {
            client.dispose();
        }
        out.println(failures == 0 ? "self-test passed" : "self-test failed");
        out.flush();
        return failures == 0 ? 0 : 1;
    }
}
