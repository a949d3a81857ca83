package io.hostdns.core.internal.combine;

import static io.hostdns.core.upstream.Fakes.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.internal.health.HealthRegistry;
import io.hostdns.core.health.HealthThresholds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class AdaptiveHedgeDelayTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final HealthRegistry health = new HealthRegistry(List.of(id(0), id(1)), HealthThresholds.DEFAULTS, clock);
    private final HedgeDelay delay = new AdaptiveHedgeDelay(health);

    private void measure(int upstream, Duration rtt, int times) {
        for (int i = 0; i < times; i++) {
            health.record(id(upstream), UpstreamStatus.Outcome.OK, rtt, null);
        }
    }

    @Test
    void adaptiveDelay_isTheFloor_whileAHealthyUpstreamIsUnmeasured() {
        assertThat(delay.after(id(0))).isEqualTo(AdaptiveHedgeDelay.DEFAULT_FLOOR);
        measure(0, Duration.ofMillis(200), 5);
        // The slow upstream alone must not set the delay: upstream 1 has never been tried.
        assertThat(delay.after(id(0))).isEqualTo(AdaptiveHedgeDelay.DEFAULT_FLOOR);
        measure(1, Duration.ofMillis(30), 5);
        assertThat(delay.after(id(0))).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }

    @Test
    void adaptiveDelay_exploresAgain_whenAnUpstreamsMeasurementIsStale() {
        // Upstream 1 measured slow once (a cold start), upstream 0 measured since: the delay follows 0's tail.
        measure(1, Duration.ofMillis(220), 1);
        measure(0, Duration.ofMillis(200), 20);
        assertThat(delay.after(id(0))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        // Nothing new of upstream 1 for longer than the exploration age: hedge early again to re-measure it.
        clock.advanceTimeBy(Duration.ofSeconds(AdaptiveHedgeDelay.EXPLORE_AFTER_SECONDS + 1));
        measure(0, Duration.ofMillis(200), 1);
        assertThat(delay.after(id(0))).isEqualTo(AdaptiveHedgeDelay.DEFAULT_FLOOR);
        measure(1, Duration.ofMillis(1), 30);
        assertThat(delay.after(id(0))).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void adaptiveDelay_isTheCeiling_whenNoHealthyUpstreamHasAMeasurement() {
        health.record(id(0), UpstreamStatus.Outcome.UNREACHABLE, null, null);
        health.record(id(1), UpstreamStatus.Outcome.TIMEOUT, null, null);
        assertThat(delay.after(id(0))).isEqualTo(AdaptiveHedgeDelay.DEFAULT_CEILING);
    }

    @Test
    void adaptiveDelay_followsTheMeasuredTail_ofTheBestHealthyUpstream() {
        measure(0, Duration.ofMillis(80), 50);
        measure(1, Duration.ofMillis(30), 50);
        assertThat(delay.after(id(0))).isBetween(Duration.ofMillis(30), Duration.ofMillis(31));
        health.record(id(1), UpstreamStatus.Outcome.TIMEOUT, null, null);
        assertThat(delay.after(id(0))).isBetween(Duration.ofMillis(80), Duration.ofMillis(81));
    }

    @Test
    void adaptiveDelay_isClampedToFloorAndCeiling() {
        measure(0, Duration.ofMillis(2), 50);
        measure(1, Duration.ofMillis(700), 1);
        assertThat(delay.after(id(0))).isEqualTo(Duration.ofMillis(10));
        HedgeDelay custom = new AdaptiveHedgeDelay(health, Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(custom.after(id(0))).isBetween(Duration.ofMillis(2), Duration.ofMillis(3));
        measure(0, Duration.ofMillis(900), 50);
        assertThat(new AdaptiveHedgeDelay(health, Duration.ZERO, Duration.ofMillis(500)).after(id(0)))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void adaptiveDelay_rejectsFloorAboveCeiling() {
        assertThatThrownBy(() -> new AdaptiveHedgeDelay(health, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }
}
