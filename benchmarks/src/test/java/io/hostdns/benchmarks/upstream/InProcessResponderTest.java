package io.hostdns.benchmarks.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class InProcessResponderTest {

    private InProcessResponder responder;
    private SimpleResolver client;

    @BeforeEach
    void start() {
        responder = InProcessResponder.start();
        client = new SimpleResolver(responder.address());
        client.setTimeout(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private Message ask(String name, int type) throws Exception {
        return client.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Test
    void answersA_andAaaa_ofZoneHosts_authoritatively() throws Exception {
        Message a = ask("h0123.bench.test.", Type.A);
        Message aaaa = ask("H0123.BENCH.test.", Type.AAAA);

        assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(BenchZone.ipv4(123)))
                .satisfies(r -> assertThat(r.getTTL()).isEqualTo(86_400));
        assertThat(aaaa.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((AAAARecord) r).getAddress()).isEqualTo(BenchZone.ipv6(123)));
    }

    @Test
    void answersNxdomainInsideTheZone_andRefusesOutside() throws Exception {
        Message missing = ask("nope.bench.test.", Type.A);
        Message outside = ask("example.org.", Type.A);

        assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(missing.getSection(Section.AUTHORITY)).singleElement()
                .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
        assertThat(outside.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void label_saysItIsInProcess_andNotNsd() {
        assertThat(responder.label()).startsWith("IN-PROCESS").contains("NOT NSD")
                .endsWith(":" + responder.address().getPort());
    }
}
