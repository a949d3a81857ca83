package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** CHAOS-class questions are answered by the first stage and never reach an upstream. */
class ChaosAnswersTest {

    private FakeDnsServer upstream;
    private HostDnsForwarder forwarder;

    @BeforeEach
    void startUpstream() {
        upstream = FakeDnsServer.start(request -> Responses.aFor("192.0.2.1"));
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        upstream.close();
    }

    private InetSocketAddress start(HostDnsConfig.Chaos chaos) {
        HostDnsConfig config = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port())
                .chaos(chaos).build();
        forwarder = HostDnsForwarder.builder(config).loopCheck(null).start().block(Duration.ofSeconds(10));
        return forwarder.listenAddresses().get(0);
    }

    private static Message askChaos(InetSocketAddress server, String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Dns.name(name), type, DClass.CH)));
    }

    @Test
    void byDefault_everyChaosQuestion_isRefusedLocally_andNoneIsForwarded() throws Exception {
        InetSocketAddress server = start(HostDnsConfig.Chaos.defaults());

        for (String name : new String[] {"version.bind", "hostname.bind", "id.server", "version.server", "other.bind"}) {
            Message reply = askChaos(server, name, Type.TXT);
            assertThat(reply.getRcode()).as(name).isEqualTo(Rcode.REFUSED);
            assertThat(reply.getSectionArray(Section.ANSWER)).as(name).isEmpty();
        }
        assertThat(Dns.ask(server, "www.example", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(upstream.requests()).extracting(r -> r.question().getDClass()).containsOnly(DClass.IN);
        assertThat(upstream.requests()).noneMatch(r -> r.name().contains("bind") || r.name().contains("server"));
    }

    @Test
    void configuredAnswers_areToldAsAuthoritativeTxt_otherTypesNodata_unknownNamesRefused() throws Exception {
        InetSocketAddress server = start(new HostDnsConfig.Chaos("hostdns 0.1", "node-7"));

        Message version = askChaos(server, "VERSION.bind", Type.TXT);
        Message id = askChaos(server, "id.server", Type.TXT);
        Message hostname = askChaos(server, "hostname.bind", Type.TXT);
        Message versionA = askChaos(server, "version.server", Type.A);
        Message unknown = askChaos(server, "authors.bind", Type.TXT);

        assertThat(version.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(version.getHeader().getFlag(Flags.AA)).isTrue();
        TXTRecord txt = (TXTRecord) version.getSectionArray(Section.ANSWER)[0];
        assertThat(txt.getStrings()).containsExactly("hostdns 0.1");
        assertThat(txt.getDClass()).isEqualTo(DClass.CH);
        assertThat(((TXTRecord) id.getSectionArray(Section.ANSWER)[0]).getStrings()).containsExactly("node-7");
        assertThat(((TXTRecord) hostname.getSectionArray(Section.ANSWER)[0]).getStrings()).containsExactly("node-7");
        assertThat(versionA.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(versionA.getSectionArray(Section.ANSWER)).isEmpty();
        assertThat(unknown.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(upstream.requests()).isEmpty();
        assertThat(forwarder.stages().get(0).name()).isEqualTo("chaos");
    }
}
