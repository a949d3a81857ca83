package io.hostdns.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

/**
 * Retransmission as a group sees it: a lost datagram inside a 2 s attempt costs about one retransmission
 * timeout and counts as the upstream's success (without an RTT sample); an upstream that drops everything
 * still fails its attempt when the attempt timeout ends the retransmissions.
 */
class UdpRetransmitInGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UpstreamId ID = new UpstreamId(0, Protocol.UDP, "fake");
    private static DnsResources resources;
    private FakeDnsServer server;
    private UdpDnsClient client;
    private UpstreamGroup group;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("udp-retransmit-group-test", 2);
    }

    @AfterAll
    static void disposeLoops() {
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (group != null) {
            group.dispose();
        }
        if (client != null) {
            client.dispose();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(FakeDnsServer fake, Duration attemptTimeout) {
        server = fake;
        client = UdpDnsClient.builder(resources, ID, server.address()).build();
        group = UpstreamGroup.builder().upstreams(new Upstream(ID, client)).attemptTimeout(attemptTimeout)
                .deadline(attemptTimeout.multipliedBy(2))
                .healthThresholds(HealthThresholds.DEFAULTS.withFailures(1, 3)).build();
    }

    private UpstreamStatus status() {
        return group.status().get(0);
    }

    @Test
    void droppedFirstDatagram_isAnsweredAfterAboutTheRetransmitTimeout_andCountsAsASuccess() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        start(FakeDnsServer.start(request -> request.name().startsWith("lossy") && seen.add(request.name())
                ? FakeReply.drop() : Responses.aFor("192.0.2.7")), Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) { // the client and the group learn the loopback round trip
            assertThat(group.resolve(Query.of("warm" + i + ".example", Type.A)).block(WAIT)).isNotNull();
        }
        Duration rttBefore = status().rttMean();

        long start = System.nanoTime();
        Answer answer = group.resolve(Query.of("lossy.example", Type.A)).block(WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isNotNull();
        assertThat(answer.attempts()).as("one attempt of the group").isEqualTo(1);
        assertThat(client.stats().retransmitted()).as("two datagrams in it").isEqualTo(1);
        assertThat(took).as("about the retransmission timeout (40 ms floor), not the 2 s attempt timeout")
                .isGreaterThanOrEqualTo(Duration.ofMillis(40)).isLessThan(Duration.ofSeconds(1));
        UpstreamStatus status = status();
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(21);
        assertThat(status.count(UpstreamStatus.Outcome.TIMEOUT)).isZero();
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.rttMean()).as("no RTT sample from the retransmitted query (Karn)").isEqualTo(rttBefore);
        assertThat(client.pendingIds()).isZero();
    }

    @Test
    void upstreamThatStopsAnswering_stillFailsItsAttempt_afterTheRetransmissions() {
        start(FakeDnsServer.start(request -> request.name().startsWith("warm")
                ? Responses.aFor("192.0.2.7") : FakeReply.drop()), Duration.ofMillis(600));
        for (int i = 0; i < 10; i++) {
            assertThat(group.resolve(Query.of("warm" + i + ".example", Type.A)).block(WAIT)).isNotNull();
        }

        StepVerifier.create(group.resolve(Query.of("void.example", Type.A)))
                .expectError()
                .verify(WAIT);

        UpstreamStatus status = status();
        assertThat(status.count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(10);
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(client.stats().retransmitted()).as("resent at ~40, ~120, ~280 ms inside the 600 ms attempt (fewer"
                + " if a busy machine delays the timer), never more than the client's 3").isBetween(1L, 3L);
        assertThat(client.pendingIds()).as("the attempt timeout freed every ID").isZero();
        assertThat(client.pendingCount()).isZero();
    }
}
