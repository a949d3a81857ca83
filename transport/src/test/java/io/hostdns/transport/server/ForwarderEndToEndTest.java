package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole forwarder path with real sockets on every hop: dig → {@link DnsServer} → {@link UdpDnsClient}
 * (TCP fallback on TC) → a scripted upstream ({@link FakeDnsServer}), all on one {@link DnsResources}.
 */
class ForwarderEndToEndTest {

    private static FakeDnsServer upstream;
    private static DnsResources resources;
    private static UdpDnsClient client;
    private static RunningDnsServer server;

    @BeforeAll
    static void start() {
        DigInteropTest.requireDig();
        upstream = FakeDnsServer.start(request -> switch (request.name()) {
            case "big.example." -> FakeReply.truncated(Responses.largeTxt(3000));
            case "dead.example." -> FakeReply.drop();
            case "missing.example." -> FakeReply.nxdomain();
            default -> Responses.aFor("192.0.2.44");
        });
        resources = DnsResources.create("e2e", 1);
        client = UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, upstream.address().toString()),
                upstream.address()).build();
        server = DnsServer.create().resolver(client).runOn(resources).listen(ServerFixture.LOOPBACK_ANY_PORT)
                .queryTimeout(Duration.ofMillis(1500)).start().block(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
        }
        if (client != null) {
            client.dispose();
        }
        if (resources != null) {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void forwardsAQuery_toTheUpstreamAndBack_keepingTheClientsCase() throws Exception {
        String out = DigInteropTest.dig(server.address(Protocol.UDP), "WWW.Example.COM", "A", "+tries=1", "+time=2");

        assertThat(out).contains("status: NOERROR")
                .containsPattern("WWW\\.Example\\.COM\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.44");
    }

    @Test
    void relaysNxdomain() throws Exception {
        String out = DigInteropTest.dig(server.address(Protocol.UDP), "missing.example", "A", "+tries=1", "+time=2");

        assertThat(out).contains("status: NXDOMAIN");
    }

    @Test
    void largeAnswer_travelsTcpUpstream_andReachesDigOverTcpAfterTruncation() throws Exception {
        String out = DigInteropTest.dig(server.address(Protocol.UDP), "big.example", "TXT", "+bufsize=512",
                "+tries=1", "+time=2");

        assertThat(out).contains("Truncated, retrying in TCP mode").contains("status: NOERROR").contains("ANSWER: 1,")
                .contains("x".repeat(255));
        assertThat(upstream.requests())
                .anyMatch(r -> r.protocol() == Protocol.TCP && r.name().equals("big.example."));
    }

    @Test
    void silentUpstream_givesServfailWithEde22_withinTheServerQueryTimeout() throws Exception {
        long start = System.nanoTime();
        String out = DigInteropTest.dig(server.address(Protocol.UDP), "dead.example", "A", "+tries=1", "+time=2");

        assertThat(out).contains("status: SERVFAIL").contains("EDE: 22");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
    }
}
