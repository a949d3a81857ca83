package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.udp.UdpDnsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;

/** Interop with a real authoritative server, NSD, on loopback: UDP, TCP, truncation → TCP, many in flight. */
class NsdInteropTest {

    private static final int BIG_TXT_STRINGS = 12;
    private static NsdServer nsd;
    private static DnsResources resources;
    private static UdpDnsClient udp;
    private static TcpDnsClient tcp;

    @BeforeAll
    static void startNsd() throws Exception {
        StringBuilder zone = new StringBuilder("""
                $ORIGIN interop.test.
                $TTL 300
                @   IN SOA ns1 hostmaster 1 3600 600 86400 60
                @   IN NS  ns1
                ns1 IN A   127.0.0.1
                www IN A   192.0.2.80
                """);
        zone.append("big IN TXT");
        for (int i = 0; i < BIG_TXT_STRINGS; i++) {
            zone.append(" \"").append(String.valueOf((char) ('a' + i)).repeat(250)).append('"');
        }
        zone.append('\n');
        for (int i = 0; i < 256; i++) {
            zone.append("n").append(i).append(" IN A 198.51.100.").append(i % 250 + 1).append('\n');
        }
        nsd = NsdServer.start("interop.test", zone.toString());
        resources = DnsResources.create("nsd-interop", 2);
        udp = UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, "nsd"), nsd.address()).build();
        tcp = TcpDnsClient.builder(resources, new UpstreamId(1, Protocol.TCP, "nsd"), nsd.address()).build();
    }

    @AfterAll
    static void stopNsd() throws Exception {
        if (resources != null) {
            resources.disposeLater().block(Duration.ofSeconds(10));
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static String firstA(Answer answer) {
        return ((ARecord) answer.message().getSectionArray(Section.ANSWER)[0]).getAddress().getHostAddress();
    }

    @Test
    void udpAndTcp_getTheZonesAnswer_andNxdomain() {
        Answer overUdp = udp.resolve(Query.of("www.interop.test", Type.A)).block(Duration.ofSeconds(5));
        Answer overTcp = tcp.resolve(Query.of("WWW.Interop.Test", Type.A)).block(Duration.ofSeconds(5));
        Answer missing = udp.resolve(Query.of("nope.interop.test", Type.A)).block(Duration.ofSeconds(5));

        assertThat(firstA(overUdp)).isEqualTo("192.0.2.80");
        assertThat(firstA(overTcp)).isEqualTo("192.0.2.80");
        assertThat(missing.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(missing.minTtl()).isEqualTo(60);
    }

    @Test
    void largeTxt_isTruncatedOverUdp_andRetriedOverTcp() {
        Answer answer = udp.resolve(Query.of("big.interop.test", Type.TXT)).block(Duration.ofSeconds(5));

        assertThat(answer.truncated()).isFalse();
        assertThat(answer.source().upstream().protocol()).isEqualTo(Protocol.TCP);
        TXTRecord txt = (TXTRecord) answer.message().getSectionArray(Section.ANSWER)[0];
        assertThat(txt.getStrings()).hasSize(BIG_TXT_STRINGS);
        assertThat(udp.stats().truncatedRetries()).isPositive();
    }

    @Test
    void queries256InFlight_overUdp_andOverPipelinedTcp_areAllAnswered() {
        for (io.hostdns.core.Resolver resolver : List.of(udp, tcp)) {
            List<String> addresses = Flux.range(0, 256)
                    .flatMap(i -> resolver.resolve(Query.of("n" + i + ".interop.test", Type.A))
                            .map(a -> i + "=" + firstA(a)), 256)
                    .collectList()
                    .block(Duration.ofSeconds(10));

            assertThat(addresses).hasSize(256).contains("0=198.51.100.1", "255=198.51.100.6");
        }
        // a burst on a loaded machine may outlast the retransmit timeout: the resent query's second answer then finds
        // its ID freed (the first answer won) and is counted unknown; nothing else may be dropped
        assertThat(udp.stats().dropped() - udp.stats().droppedUnknownId()).isZero();
        assertThat(udp.stats().droppedUnknownId()).isLessThanOrEqualTo(udp.stats().retransmitted());
        assertThat(tcp.stats().connectionsOpened()).isLessThanOrEqualTo(2);
    }
}
