package io.hostdns.core.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    @Test
    void firstSample_setsMean_andTailTwiceIt() {
        RttEstimator rtt = new RttEstimator();
        assertThat(rtt.hasSamples()).isFalse();
        rtt.add(Duration.ofMillis(40));
        assertThat(rtt.mean()).isEqualTo(Duration.ofMillis(40));
        assertThat(rtt.tail()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void steadySamples_tailConvergesToTheMean() {
        RttEstimator rtt = new RttEstimator();
        for (int i = 0; i < 60; i++) {
            rtt.add(Duration.ofMillis(40));
        }
        assertThat(rtt.mean()).isEqualTo(Duration.ofMillis(40));
        assertThat(rtt.tail()).isBetween(Duration.ofMillis(40), Duration.ofMillis(41));
    }

    @Test
    void jitteryRtts_tailSitsNearTheUpperPercentile() {
        RttEstimator rtt = new RttEstimator();
        // 90% at 10 ms, 10% at 100 ms: the p95 is 100 ms, the mean 19 ms.
        for (int i = 0; i < 500; i++) {
            rtt.add(Duration.ofMillis(i % 10 == 9 ? 100 : 10));
        }
        assertThat(rtt.tail()).isGreaterThan(Duration.ofMillis(40)).isLessThan(Duration.ofMillis(120));
        assertThat(rtt.mean()).isBetween(Duration.ofMillis(10), Duration.ofMillis(40));
        assertThat(rtt.samples()).isEqualTo(500);
    }

    @Test
    void oldSamples_areForgotten() {
        RttEstimator rtt = new RttEstimator();
        for (int i = 0; i < 50; i++) {
            rtt.add(Duration.ofMillis(500));
        }
        for (int i = 0; i < 80; i++) {
            rtt.add(Duration.ofMillis(20));
        }
        assertThat(rtt.mean()).isLessThan(Duration.ofMillis(21));
        assertThat(rtt.tail()).isLessThan(Duration.ofMillis(22));
    }
}
