package io.hostdns.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class TcpDnsClientTest {

    private static DnsResources resources;
    private FakeDnsServer server;
    private TcpDnsClient client;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("tcp-test", 2);
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

    static TcpDnsClient.Builder builder(DnsResources resources, InetSocketAddress address) {
        return TcpDnsClient.builder(resources, new UpstreamId(0, Protocol.TCP, address.toString()), address);
    }

    @Test
    void resolve_returnsTheServersAnswer_overTcp() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.largeTxt(5000)));
        client = builder(resources, server.address()).build();

        StepVerifier.create(client.resolve(Query.of("big.example", Type.TXT)))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
                    assertThat(answer.wireLength()).isGreaterThan(5000);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(server.requests()).extracting(FakeRequest::protocol).containsExactly(Protocol.TCP);
    }

    @Test
    void pipelinedQueries_areMatchedById_whenRepliesComeOutOfOrder() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.4")), 4);
        client = builder(resources, server.address()).build();

        List<String> names = Flux.range(0, 4)
                .flatMap(i -> client.resolve(Query.of("p" + i + ".example", Type.A))
                        .map(a -> i + "=" + a.message().getQuestion().getName()))
                .collectList()
                .block(Duration.ofSeconds(5));

        assertThat(names).containsExactly("3=p3.example.", "2=p2.example.", "1=p1.example.", "0=p0.example.");
        assertThat(server.tcpConnectionsAccepted()).isEqualTo(1);
    }

    @Test
    void manyQueries_reuseOneConnection() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.5")));
        client = builder(resources, server.address()).build();

        StepVerifier.create(Flux.range(0, 20).concatMap(i -> client.resolve(Query.of("r" + i + ".example", Type.A))))
                .expectNextCount(20)
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(server.tcpConnectionsAccepted()).isEqualTo(1);
        assertThat(client.stats().connectionsOpened()).isEqualTo(1);
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    void connectionClosedMidFlight_failsFastWithNetworkError_andTheNextQueryReconnects() {
        server = FakeDnsServer.start(request -> request.name().startsWith("close")
                ? FakeReply.closeConnection() : Responses.aFor("192.0.2.6"));
        client = builder(resources, server.address()).build();

        StepVerifier.create(client.resolve(Query.of("close.example", Type.A)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                        .hasMessageContaining("closed"))
                .verify(Duration.ofSeconds(2));

        Answer next = client.resolve(Query.of("after.example", Type.A)).block(Duration.ofSeconds(5));
        assertThat(next).isNotNull();
        assertThat(next.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(server.tcpConnectionsAccepted()).isEqualTo(2);
    }

    @Test
    void wrongIdAndWrongQuestionReplies_areDroppedAndCounted_andTheGenuineReplyAccepted() {
        FakeReply genuine = Responses.aFor("192.0.2.8");
        server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.sequence(FakeReply.wrongId(genuine),
                FakeReply.wrongQuestion(genuine, org.xbill.DNS.Name.root), genuine)));
        client = builder(resources, server.address()).build();

        StepVerifier.create(client.resolve(Query.of("tcp-spoof.example", Type.A)))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(client.stats().droppedUnknownId()).isEqualTo(1);
        assertThat(client.stats().droppedWrongQuestion()).isEqualTo(1);
        assertThat(client.stats().accepted()).isEqualTo(1);
    }

    @Test
    void idleConnection_isClosedAfterTheIdleTimeout() {
        server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.10")));
        client = builder(resources, server.address()).idleTimeout(Duration.ofMillis(200)).build();

        client.resolve(Query.of("idle.example", Type.A)).block(Duration.ofSeconds(5));
        assertThat(server.openTcpConnections()).isEqualTo(1);

        Await.until(Duration.ofSeconds(3), "idle connection to close", () -> server.openTcpConnections() == 0);
        assertThat(client.openConnections()).isZero();
    }
}
