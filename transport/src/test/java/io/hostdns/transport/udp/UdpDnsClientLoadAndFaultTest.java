package io.hostdns.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class UdpDnsClientLoadAndFaultTest {

    private static DnsResources resources;
    private FakeDnsServer server;
    private UdpDnsClient client;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("udp-load-test", 2);
    }

    @AfterAll
    static void disposeLoops() {
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.dispose();
        }
        if (server != null) {
            server.close();
        }
    }

    private UdpDnsClient clientOf(InetSocketAddress address) {
        return UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, address.toString()), address).build();
    }

    @Test
    void queries256InFlight_areAllAnswered_withNothingDropped() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.9")));
        client = clientOf(server.address());

        List<Answer> answers = Flux.range(0, 256)
                .flatMap(i -> client.resolve(Query.of("n" + i + ".load.example", Type.A))
                        .map(a -> {
                            assertThat(a.message().getQuestion().getName().toString())
                                    .isEqualTo("n" + i + ".load.example.");
                            return a;
                        }), 256)
                .collectList()
                .block(Duration.ofSeconds(15)); // bounded; generous because CI shares its CPUs

        assertThat(answers).hasSize(256);
        UdpDnsClient.Stats stats = client.stats();
        assertThat(stats.droppedWrongSource() + stats.droppedWrongQuestion() + stats.droppedMalformed()).isZero();
        // a busy machine may delay the fake server past the retransmission timeout: then the query was sent again
        // and the slower of its two answers arrives for an ID already freed; nothing else may be dropped
        assertThat(stats.droppedUnknownId()).isLessThanOrEqualTo(stats.retransmitted());
        assertThat(client.pendingIds()).isZero();
        assertThat(client.pendingCount()).isZero();
        assertThat(client.openSockets()).isBetween(2, 8);
    }

    @Test
    void sockets_areRotatedToNewPorts_afterTheirQueryQuota_andRetiredOnesClose() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.14")));
        client = UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, "fake"), server.address())
                .sockets(1).queriesPerSocket(4).build();

        StepVerifier.create(Flux.range(0, 20).concatMap(i -> client.resolve(Query.of("rot" + i + ".example", Type.A))))
                .expectNextCount(20)
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(server.requests().stream().map(r -> r.client().getPort()).distinct().count()).isEqualTo(5);
        assertThat(client.stats().socketsRotated()).isEqualTo(4);
        Await.until(Duration.ofSeconds(3), "retired sockets to close",
                () -> client.retiredSockets() == 0);
        assertThat(client.openSockets()).isEqualTo(1);
    }

    @Test
    void cancellation_freesThePendingSlotAtOnce() {
        server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
        client = clientOf(server.address());

        Disposable inFlight = client.resolve(Query.of("silent.example", Type.A)).subscribe();
        assertThat(client.pendingCount()).isEqualTo(1);

        inFlight.dispose();

        assertThat(client.pendingCount()).isZero();
        assertThat(client.pendingIds()).isZero();
    }

    @Test
    void closedPort_failsAtOnceWithNetworkError_notATimeout() throws Exception {
        InetSocketAddress closed;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
        client = clientOf(closed);

        StepVerifier.create(client.resolve(Query.of("nobody.example", Type.A)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                        .hasMessageContaining("port unreachable")
                        .hasMessageContaining(closed.toString()))
                .verify(Duration.ofSeconds(2));
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void disposedClient_failsWithNetworkError() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.1")));
        client = clientOf(server.address());
        client.dispose();

        StepVerifier.create(client.resolve(Query.of("late.example", Type.A)))
                .expectError(DnsNetworkException.class)
                .verify(Duration.ofSeconds(2));
        assertThat(server.requests()).isEmpty();
    }
}
