package io.hostdns.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmitTimeoutTest {

    private static final long MS = 1_000_000L;

    @Test
    void beforeAnySample_theTimeoutIsTheInitialOne_andNoEstimateExists() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(40), Duration.ofMillis(200));
        assertThat(rto.nanos()).isEqualTo(200 * MS);
        assertThat(rto.smoothedRtt()).isNull();
        assertThat(rto.rttDeviation()).isNull();
    }

    @Test
    void firstSample_setsSrttToItAndRttvarToHalfOfIt_asRfc6298Says() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(1), Duration.ofMillis(200));
        rto.sample(100 * MS);
        assertThat(rto.smoothedRtt()).isEqualTo(Duration.ofMillis(100));
        assertThat(rto.rttDeviation()).isEqualTo(Duration.ofMillis(50));
        assertThat(rto.nanos()).as("SRTT + 4 RTTVAR").isEqualTo(300 * MS);
    }

    @Test
    void laterSamples_moveSrttByAnEighthAndRttvarByAQuarter() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(1), Duration.ofMillis(200));
        rto.sample(100 * MS);
        rto.sample(20 * MS);
        // RTTVAR = 3/4 * 50 + 1/4 * |100 - 20| = 57.5; SRTT = 7/8 * 100 + 1/8 * 20 = 90
        assertThat(rto.smoothedRtt()).isEqualTo(Duration.ofMillis(90));
        assertThat(rto.rttDeviation()).isEqualTo(Duration.ofNanos(57_500_000));
        assertThat(rto.nanos()).isEqualTo(320 * MS);
    }

    @Test
    void aSteadyFastUpstream_convergesToTheFloor() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(40), Duration.ofMillis(200));
        for (int i = 0; i < 50; i++) {
            rto.sample(300_000); // 0.3 ms
        }
        assertThat(rto.smoothedRtt()).isBetween(Duration.ofMillis(0), Duration.ofMillis(1));
        assertThat(rto.nanos()).isEqualTo(40 * MS);
    }

    @Test
    void aJitteryUpstream_getsATimeoutAboveItsMean_byFourDeviations() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(1), Duration.ofMillis(200));
        for (int i = 0; i < 200; i++) {
            rto.sample((i % 2 == 0 ? 10 : 30) * MS);
        }
        // mean 20 ms, mean deviation 10 ms: about 20 + 4 x 10 = 60 ms
        assertThat(rto.nanos()).isBetween(50 * MS, 70 * MS);
    }

    @Test
    void eachRetryDoublesTheTimeout_upToTheCeiling() {
        assertThat(RetransmitTimeout.backedOff(40 * MS)).isEqualTo(80 * MS);
        assertThat(RetransmitTimeout.backedOff(4_000 * MS)).isEqualTo(RetransmitTimeout.CEILING.toNanos());
    }

    @Test
    void aHugeRtt_isCappedAtTheCeiling_andNeverLooksLikeNoEstimate() {
        RetransmitTimeout rto = new RetransmitTimeout(Duration.ofMillis(40), Duration.ofMillis(200));
        rto.sample(Long.MAX_VALUE / 2);
        assertThat(rto.smoothedRtt()).isNotNull();
        assertThat(rto.nanos()).isEqualTo(RetransmitTimeout.CEILING.toNanos());
    }
}
