package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class UpstreamFactoryTest {

    private static DnsResources resources;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("factory-test", 1);
    }

    @AfterAll
    static void disposeLoops() {
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void udpAndTcpSpecs_becomeWorkingUpstreams_namedByIndexProtocolAndAddress() {
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.11")))) {
            UpstreamFactory factory = UpstreamFactory.create(resources);
            Upstream udp = factory.create(0, "127.0.0.1:" + server.port());
            Upstream tcp = factory.create(1, "tcp://127.0.0.1:" + server.port());

            assertThat(udp.resolver()).isInstanceOf(UdpDnsClient.class);
            assertThat(tcp.resolver()).isInstanceOf(TcpDnsClient.class);
            assertThat(udp.id().toString()).isEqualTo("#000 udp 127.0.0.1:" + server.port());
            assertThat(tcp.id().protocol()).isEqualTo(Protocol.TCP);
            for (Upstream upstream : List.of(udp, tcp)) {
                StepVerifier.create(upstream.resolver().resolve(Query.of("f.example", Type.A)))
                        .assertNext(a -> assertThat(a.source().upstream()).isEqualTo(upstream.id()))
                        .expectComplete()
                        .verify(Duration.ofSeconds(5));
            }
            assertThat(server.requests()).extracting(FakeRequest::protocol).containsExactly(Protocol.UDP, Protocol.TCP);
            ((UdpDnsClient) udp.resolver()).dispose();
            ((TcpDnsClient) tcp.resolver()).dispose();
        }
    }

    @Test
    void ipv6Disabled_rejectsOneIpv6Upstream_andLeavesThemOutOfAList_keepingIndexes() {
        UpstreamFactory factory = UpstreamFactory.create(resources).allowIpv6(false);

        assertThatThrownBy(() -> factory.create(0, "[::1]:53"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv6 upstreams are disabled");
        List<Upstream> upstreams = factory.createAll(List.of("udp://[::1]:53", "127.0.0.1:53", "tcp://[::1]"));

        assertThat(upstreams).hasSize(1);
        assertThat(upstreams.get(0).id().index()).isEqualTo(1);
        ((UdpDnsClient) upstreams.get(0).resolver()).dispose();
    }
}
