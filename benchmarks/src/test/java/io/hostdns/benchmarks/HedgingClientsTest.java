package io.hostdns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.benchmarks.upstream.BenchUpstream;
import io.hostdns.benchmarks.upstream.BlackHole;
import io.hostdns.benchmarks.upstream.DelayingResponder;
import io.hostdns.benchmarks.upstream.InProcessResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hedging benchmark's clients, first upstream dead or slow and second fast, answer correctly: hostdns
 * well before the slow one would, Netty and dnsjava after their 1 s timeout on the dead one.
 */
class HedgingClientsTest {

    private InProcessResponder fast;

    @BeforeEach
    void start() {
        fast = InProcessResponder.start();
    }

    @AfterEach
    void stop() {
        fast.close();
    }

    /** Milliseconds until {@code count} sequential queries through {@code impl} all answered. */
    private long sequentialQueries(String impl, BenchUpstream slow, int count) throws Exception {
        long start = System.nanoTime();
        try (UncachedClient client = HedgingBenchmark.create(impl, slow.address(), fast.address())) {
            for (int i = 0; i < count; i++) {
                RecordingOutcome outcome = new RecordingOutcome(1);
                client.query(i * 31, outcome);
                assertThat(outcome.awaitAll()).isTrue();
                assertThat(outcome.failures).as(impl).isEmpty();
                assertThat(outcome.answered).hasValue(1);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void hostdnsHedge_answersFromTheFastUpstream_whenTheFirstIsBlackHoled() throws Exception {
        try (BlackHole hole = BlackHole.start()) {
            // 10 queries, each ~20 ms hedge delay: far below one 2 s attempt timeout
            assertThat(sequentialQueries("hostdns", hole, 10)).isLessThan(1_500);
            assertThat(sequentialQueries("hostdns-group", hole, 3)).isLessThan(5_000);
        }
    }

    @Test
    void hostdnsHedge_doesNotWaitForTheSlowUpstream() throws Exception {
        try (DelayingResponder slow = DelayingResponder.start(HedgingBenchmark.SLOW_DELAY_MILLIS)) {
            assertThat(sequentialQueries("hostdns", slow, 10)).isLessThan(10 * HedgingBenchmark.SLOW_DELAY_MILLIS);
        }
    }

    @Test
    void sequentialAnchors_answerAfterTheirTimeout_whenTheFirstIsBlackHoled() throws Exception {
        try (BlackHole hole = BlackHole.start()) {
            assertThat(sequentialQueries("netty", hole, 1)).isGreaterThanOrEqualTo(HedgingBenchmark.ANCHOR_TIMEOUT.toMillis());
            assertThat(sequentialQueries("dnsjava", hole, 1)).isGreaterThanOrEqualTo(HedgingBenchmark.ANCHOR_TIMEOUT.toMillis());
        }
    }
}
