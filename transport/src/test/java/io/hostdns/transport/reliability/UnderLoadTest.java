package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * Faults while queries keep arriving at a fixed rate: an upstream NSD restarted in place, and forged
 * replies interleaved with every genuine one. Correctness is absolute (zero wrong answers, nothing lost,
 * nothing pending); the rate is modest because the box is shared.
 */
class UnderLoadTest {

    private static final int RATE = 300;

    @Test
    void upstreamRestartedUnderLoad_everyAnswerStaysCorrect_andNothingIsLost() throws Exception {
        NsdServer first = NsdServer.start(TestZone.ORIGIN, TestZone.text());
        AtomicReference<NsdServer> current = new AtomicReference<>(first);
        int port = first.address().getPort();
        try (NsdServer second = NsdServer.start(TestZone.ORIGIN, TestZone.text());
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(first.address(), second.address()))) {
            // the fault's timeline, kept by a scheduler while the load runs: down at 1 s, back at 1.7 s
            ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor();
            ScheduledFuture<?> stopped = timeline.schedule(() -> current.get().close(), 1000, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> restarted = timeline.schedule(
                    () -> current.set(NsdServer.start(TestZone.ORIGIN, TestZone.text(), port)), 1700, TimeUnit.MILLISECONDS);
            FixedRateLoad.Result result;
            try {
                result = FixedRateLoad.run(pipeline.udp(), RATE, Duration.ofSeconds(4),
                        i -> TestZone.name(i, i % 2 == 0), (i, reply) -> TestZone.judge(i, i % 2 == 0, reply),
                        Duration.ofSeconds(3));
                stopped.get(15, TimeUnit.SECONDS);
                restarted.get(15, TimeUnit.SECONDS);
            } finally {
                timeline.shutdownNow();
            }

            assertThat(result.sent()).isEqualTo(RATE * 4L);
            assertThat(result.wrong()).as(result.toString()).isZero();
            assertThat(result.failed()).as("failover, not failure: " + result).isZero();
            assertThat(result.lost()).as(result.toString()).isZero();
            assertThat(pipeline.clients.get(0).stats().accepted()).as("the first upstream served before it went")
                    .isPositive();
            assertThat(pipeline.clients.get(1).stats().accepted()).as("the second one took over").isPositive();
            Settled.nothingPending(pipeline);
        } finally {
            current.get().close();
        }
    }

    @Test
    void forgedRepliesInterleavedAtRate_areAllDropped_andNoWrongAnswerReachesAClient() throws Exception {
        Name elsewhere = Name.fromConstantString("elsewhere.example.");
        FakeReply forged = Responses.aFor(FaultMatrixTest.FORGED);
        FakeReply script = FakeReply.sequence(FakeReply.wrongId(forged), FakeReply.wrongQuestion(forged, elsewhere),
                FakeReply.wrongId(forged), Responses.aFor("192.0.2.1"));
        try (FakeDnsServer upstream = FakeDnsServer.start(r -> script);
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(upstream.address()))) {
            FixedRateLoad.Result result = FixedRateLoad.run(pipeline.udp(), RATE, Duration.ofSeconds(3),
                    i -> "spoof" + i + ".example.", (i, reply) -> TestZone.only(reply, "192.0.2.1"),
                    Duration.ofSeconds(3));

            UdpDnsClient.Stats stats = pipeline.clients.get(0).stats();
            long correct = result.answered() - result.wrong() - result.failed();
            assertThat(result.wrong()).as(result.toString()).isZero();
            assertThat(result.lost()).as(result.toString()).isZero();
            assertThat(result.answered()).isEqualTo(RATE * 3L);
            // one fake upstream thread answering four datagrams per query on a shared box may be late: a
            // SERVFAIL then, never forged data
            assertThat(correct).as(result.toString()).isGreaterThanOrEqualTo(RATE * 3L * 8 / 10);
            assertThat(stats.accepted()).isGreaterThanOrEqualTo(correct);
            assertThat(stats.droppedUnknownId() + stats.droppedWrongQuestion()).as(stats.toString())
                    .isGreaterThanOrEqualTo(3L * correct);
            Settled.nothingPending(pipeline);
        }
    }
}
