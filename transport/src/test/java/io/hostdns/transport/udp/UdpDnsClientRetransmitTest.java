package io.hostdns.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** Retransmission: a lost datagram costs the upstream's retransmission timeout, not the query's whole timeout. */
class UdpDnsClientRetransmitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static DnsResources resources;
    private FakeDnsServer server;
    private UdpDnsClient client;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("udp-retransmit-test", 2);
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

    private UdpDnsClient.Builder builder() {
        return UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, "fake"), server.address());
    }

    /** Answers every name, except that the first datagram asking a name starting with "lossy" is dropped. */
    private static FakeDnsHandler dropFirstOfLossyNames() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return request -> request.name().startsWith("lossy") && seen.add(request.name())
                ? FakeReply.drop() : Responses.aFor("192.0.2.7");
    }

    private List<FakeRequest> requestsFor(String name) {
        return server.requests().stream().filter(r -> r.name().equals(name)).toList();
    }

    /** Sequential answered queries, so that the client has measured the upstream's round trip. */
    private void warmUp(int queries) {
        for (int i = 0; i < queries; i++) {
            assertThat(client.resolve(Query.of("warm" + i + ".example", Type.A)).block(WAIT)).isNotNull();
        }
    }

    @Test
    void lostFirstDatagram_isSentAgainUnderANewId_afterTheRetransmitTimeout_notTheQueryTimeout() {
        server = FakeDnsServer.start(dropFirstOfLossyNames());
        client = builder().queryTimeout(Duration.ofSeconds(10)).build();
        assertThat(client.retransmitTimeout()).as("before any answer (RFC 6298)").isEqualTo(Duration.ofSeconds(1));
        warmUp(30);
        Duration rto = client.retransmitTimeout();
        assertThat(rto).as("SRTT + 4 RTTVAR of a loopback upstream, at least the floor")
                .isBetween(Duration.ofMillis(40), Duration.ofMillis(400));

        long start = System.nanoTime();
        Answer answer = client.resolve(Query.of("lossy1.example", Type.A)).block(WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isNotNull();
        assertThat(answer.attempts()).as("datagrams sent").isEqualTo(2);
        assertThat(took).as("about one retransmission timeout, nowhere near the 10 s query timeout")
                .isGreaterThanOrEqualTo(Duration.ofMillis(40)).isLessThan(Duration.ofSeconds(1));
        List<FakeRequest> sent = requestsFor("lossy1.example.");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).id()).as("a new ID for the retransmission").isNotEqualTo(sent.get(1).id());
        assertThat(answer.id()).isEqualTo(sent.get(1).id());
        assertThat(client.stats().retransmitted()).isEqualTo(1);
        assertThat(client.pendingIds()).as("every ID of the query freed").isZero();
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void lateAnswerToTheFirstSend_endsTheQuery_andFreesEveryId() {
        // the first datagram is answered 1.5 s late (after at least one retransmission, even on a busy machine),
        // every later one never: the answer to the first send's ID must still end the query
        Set<String> seen = ConcurrentHashMap.newKeySet();
        server = FakeDnsServer.start(request -> !request.name().startsWith("late")
                ? Responses.aFor("192.0.2.8")
                : seen.add(request.name()) ? FakeReply.delay(Duration.ofMillis(1500), Responses.aFor("192.0.2.8"))
                : FakeReply.drop());
        client = builder().build();
        warmUp(10);

        Answer answer = client.resolve(Query.of("late.example", Type.A)).block(WAIT);

        List<FakeRequest> sent = requestsFor("late.example.");
        assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(answer.id()).as("the answer to the first send").isEqualTo(sent.get(0).id());
        assertThat(answer.attempts()).isEqualTo(sent.size());
        assertThat(sent.stream().map(FakeRequest::id).collect(Collectors.toSet())).hasSameSizeAs(sent);
        assertThat(client.pendingIds()).isZero();
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void silentUpstream_failsAtTheQueryTimeout_afterEveryRetransmission_eachUnderItsOwnId() {
        server = FakeDnsServer.start(request -> request.name().startsWith("warm")
                ? Responses.aFor("192.0.2.7") : FakeReply.drop());
        client = builder().queryTimeout(Duration.ofSeconds(1)).retransmissions(3, Duration.ofMillis(20)).build();
        warmUp(10); // measured: retransmissions after ~20, 40, 80 ms, not after 1, 2, 4 s

        long start = System.nanoTime();
        StepVerifier.create(client.resolve(Query.of("silent.example", Type.A)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsTimeoutException.class)
                        .hasMessageContaining("fake"))
                .verify(WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofSeconds(5));
        List<FakeRequest> sent = requestsFor("silent.example.");
        assertThat(sent).as("the first send and 3 retransmissions").hasSize(4);
        assertThat(sent.stream().map(FakeRequest::id).collect(Collectors.toSet())).hasSize(4);
        assertThat(client.stats().retransmitted()).isEqualTo(3);
        assertThat(client.pendingIds()).isZero();
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void noRetransmissions_sendsEachQueryOnce() {
        server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
        client = builder().queryTimeout(Duration.ofMillis(300)).noRetransmissions().build();

        StepVerifier.create(client.resolve(Query.of("once.example", Type.A)))
                .expectError(DnsTimeoutException.class)
                .verify(WAIT);

        assertThat(requestsFor("once.example.")).hasSize(1);
        assertThat(client.stats().retransmitted()).isZero();
    }

    @Test
    void cancellingARetransmittedQuery_freesEveryIdAndItsTimer() {
        // "probe" names are answered 400 ms late, everything else never: the probe's answer marks a moment well
        // past the next retransmission the cancelled query would have made (10, 20, 40 ms... after its sends)
        server = FakeDnsServer.start(request -> request.name().startsWith("probe")
                ? FakeReply.delay(Duration.ofMillis(400), Responses.aFor("192.0.2.9")) : FakeReply.drop());
        client = builder().noQueryTimeout().retransmissions(8, Duration.ofMillis(10)).build();

        Disposable query = client.resolve(Query.of("dropped.example", Type.A)).subscribe();
        Await.until(WAIT, "a retransmission to reach the server", () -> requestsFor("dropped.example.").size() >= 2);
        query.dispose();

        assertThat(client.pendingCount()).isZero();
        assertThat(client.pendingIds()).isZero();
        int sentAtCancel = requestsFor("dropped.example.").size();
        assertThat(client.resolve(Query.of("probe.example", Type.A)).block(WAIT)).isNotNull();
        // at most one send was already on its way when the cancel came; none after it
        assertThat(requestsFor("dropped.example.").size()).isBetween(sentAtCancel, sentAtCancel + 1);
        assertThat(client.stats().retransmitted()).isLessThan(8);
    }

    @Test
    void invalidRetransmissionSettings_areRejected() {
        server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder().retransmissions(9, Duration.ofMillis(40)))
                .hasMessageContaining("retransmissions must be 0..8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder().retransmissions(2, Duration.ZERO))
                .hasMessageContaining("floor");
    }
}
