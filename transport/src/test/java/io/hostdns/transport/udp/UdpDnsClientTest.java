package io.hostdns.transport.udp;

import static io.hostdns.transport.testing.FakeReply.delay;
import static io.hostdns.transport.testing.FakeReply.fromOtherPort;
import static io.hostdns.transport.testing.FakeReply.garbage;
import static io.hostdns.transport.testing.FakeReply.sequence;
import static io.hostdns.transport.testing.FakeReply.wrongId;
import static io.hostdns.transport.testing.FakeReply.wrongQuestion;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class UdpDnsClientTest {

    private static DnsResources resources;
    private FakeDnsServer server;
    private UdpDnsClient client;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("udp-test", 2);
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

    private UdpDnsClient.Builder clientFor(FakeDnsHandler handler) {
        server = FakeDnsServer.start(handler);
        UpstreamId id = new UpstreamId(0, Protocol.UDP, "127.0.0.1:" + server.port());
        return UdpDnsClient.builder(resources, id, server.address());
    }

    @Test
    void resolve_returnsTheServersAnswer_withEdns1232_andTheUpstreamAsSource() {
        client = clientFor(FakeDnsHandler.always(Responses.aFor("192.0.2.7"))).build();

        StepVerifier.create(client.resolve(Query.of("www.example.com", Type.A)))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
                    assertThat(((ARecord) answer.message().getSectionArray(Section.ANSWER)[0]).getAddress()
                            .getHostAddress()).isEqualTo("192.0.2.7");
                    assertThat(answer.source()).isEqualTo(AnswerSource.upstream(client.upstream()));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        FakeRequest request = server.requests().get(0);
        assertThat(request.protocol()).isEqualTo(Protocol.UDP);
        assertThat(request.message().getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void ids_areRandomPerQuery() {
        client = clientFor(FakeDnsHandler.always(Responses.aFor("192.0.2.1"))).build();

        StepVerifier.create(reactor.core.publisher.Flux.range(0, 32)
                        .concatMap(i -> client.resolve(Query.of("q" + i + ".example", Type.A))))
                .expectNextCount(32)
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        var ids = server.requests().stream().map(FakeRequest::id).toList();
        // a query slower than the retransmission timeout on a busy machine is sent again, under a new random ID
        long retransmitted = client.stats().retransmitted();
        assertThat(ids).hasSize(32 + (int) retransmitted);
        assertThat(ids.stream().distinct().count()).isGreaterThanOrEqualTo(30 + retransmitted);
        long sequentialSteps = 0;
        for (int i = 1; i < ids.size(); i++) {
            sequentialSteps += ids.get(i) == ids.get(i - 1) + 1 ? 1 : 0;
        }
        assertThat(sequentialSteps).isLessThan(3);
    }

    @Test
    void spoofedReplies_areDroppedAndCounted_andTheGenuineReplyIsAccepted() throws Exception {
        FakeReply genuine = Responses.aFor("192.0.2.2");
        client = clientFor(FakeDnsHandler.always(sequence(
                wrongId(genuine),
                wrongQuestion(genuine, Name.fromString("evil.example.")),
                fromOtherPort(genuine),
                garbage(new byte[] {1, 2, 3}),
                delay(Duration.ofMillis(150), genuine))))
                .connectedSockets(false)
                .build();

        StepVerifier.create(client.resolve(Query.of("bank.example", Type.A)))
                .assertNext(answer -> assertThat(answer.message().getSectionArray(Section.ANSWER)).hasSize(1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        UdpDnsClient.Stats stats = client.stats();
        assertThat(stats.droppedUnknownId()).as("wrong id").isEqualTo(1);
        assertThat(stats.droppedWrongQuestion()).as("wrong question").isEqualTo(1);
        assertThat(stats.droppedWrongSource()).as("other port").isEqualTo(1);
        assertThat(stats.droppedMalformed()).as("garbage").isEqualTo(1);
        assertThat(stats.accepted()).isEqualTo(1);
    }

    @Test
    void connectedSockets_neverSeeRepliesFromAnotherPort_andAcceptTheGenuineOne() {
        FakeReply genuine = Responses.aFor("192.0.2.5");
        client = clientFor(FakeDnsHandler.always(sequence(fromOtherPort(genuine),
                delay(Duration.ofMillis(100), genuine)))).build();

        StepVerifier.create(client.resolve(Query.of("connected.example", Type.A)))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(client.stats().accepted()).isEqualTo(1);
        assertThat(client.stats().dropped()).as("filtered by the kernel before we see it").isZero();
    }

    @Test
    void questionWithOtherLetterCase_isAccepted() throws Exception {
        FakeReply genuine = Responses.aFor("192.0.2.3");
        client = clientFor(FakeDnsHandler.always(
                wrongQuestion(genuine, Name.fromString("MiXeD.ExAmPlE.")))).build();

        StepVerifier.create(client.resolve(Query.of("mixed.example", Type.A)))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(client.stats().dropped()).isZero();
    }

    @Test
    void truncatedAnswer_isRetriedOverTcp_toTheSameUpstream() {
        client = clientFor(FakeDnsHandler.always(FakeReply.truncated(Responses.largeTxt(3000)))).build();

        StepVerifier.create(client.resolve(Query.of("big.example", Type.TXT)))
                .assertNext(answer -> {
                    assertThat(answer.truncated()).isFalse();
                    assertThat(answer.wireLength()).isGreaterThan(3000);
                    assertThat(answer.source().upstream().protocol()).isEqualTo(Protocol.TCP);
                    assertThat(answer.attempts()).isEqualTo(2);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(server.requests()).extracting(FakeRequest::protocol).containsExactly(Protocol.UDP, Protocol.TCP);
        assertThat(client.stats().truncatedRetries()).isEqualTo(1);
    }

    @Test
    void rcodes_comeBackAsAnswers() {
        client = clientFor(request -> request.name().startsWith("nx") ? FakeReply.nxdomain()
                : request.name().startsWith("sf") ? FakeReply.servfail() : FakeReply.refused()).build();

        for (String name : new String[] {"nx.example", "sf.example", "rf.example"}) {
            Answer answer = client.resolve(Query.of(name, Type.A)).block(Duration.ofSeconds(5));
            assertThat(answer).isNotNull();
            assertThat(answer.rcode()).isEqualTo(name.startsWith("nx") ? Rcode.NXDOMAIN
                    : name.startsWith("sf") ? Rcode.SERVFAIL : Rcode.REFUSED);
        }
    }
}
