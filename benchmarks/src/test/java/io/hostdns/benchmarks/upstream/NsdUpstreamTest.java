package io.hostdns.benchmarks.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.NsdServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Runs the real NSD; skipped where it is not installed, except in CI (CI=true), where that fails. */
class NsdUpstreamTest {

    @Test
    void start_servesTheBenchZoneOnLoopback_andCloseStopsIt() throws Exception {
        NsdServer.requireBinary(); // skips the test without nsd, fails it in CI
        NsdUpstream nsd = NsdUpstream.start();
        try {
            SimpleResolver client = new SimpleResolver(nsd.address());
            client.setTimeout(Duration.ofSeconds(2));
            Message answer = client.send(Message.newQuery(Record.newRecord(BenchZone.name(999), Type.A, DClass.IN)));

            assertThat(nsd.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(nsd.label()).contains("NSD").contains("separate process");
            assertThat(answer.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(BenchZone.ipv4(999)));
        } finally {
            nsd.close();
        }
        SimpleResolver afterClose = new SimpleResolver(nsd.address());
        afterClose.setTimeout(Duration.ofMillis(300));
        Message probe = Message.newQuery(Record.newRecord(BenchZone.name(0), Type.A, DClass.IN));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> afterClose.send(probe))
                .isInstanceOf(java.io.IOException.class);
    }
}
