package io.hostdns.core.internal.health;

import static io.hostdns.core.upstream.Fakes.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class HealthRegistryTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final HealthRegistry registry = new HealthRegistry(List.of(id(0), id(1)), HealthThresholds.DEFAULTS, vts);
    private final UpstreamId a = id(0);

    private void fail(UpstreamId upstream) {
        registry.record(upstream, UpstreamStatus.Outcome.TIMEOUT, null, new DnsTimeoutException(upstream, Duration.ofSeconds(2)));
    }

    @Test
    void rttEstimate_idleLongerThanTheStaleAge_restartsFromTheNextSample() {
        registry.record(a, UpstreamStatus.Outcome.OK, java.time.Duration.ofMillis(220), null);
        registry.record(a, UpstreamStatus.Outcome.OK, java.time.Duration.ofMillis(1), null);
        assertThat(registry.status(a).rttMean()).isGreaterThan(java.time.Duration.ofMillis(150));

        vts.advanceTimeBy(java.time.Duration.ofSeconds(6));
        assertThat(registry.anyHealthyUnmeasured(java.time.Duration.ofSeconds(5))).isTrue();
        registry.record(a, UpstreamStatus.Outcome.OK, java.time.Duration.ofMillis(1), null);
        assertThat(registry.status(a).rttMean()).isEqualTo(java.time.Duration.ofMillis(1));
    }

    @Test
    void health_goesHealthyDegradedDown_andBackToHealthy_onSuccess() {
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.HEALTHY);
        fail(a);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DEGRADED);
        fail(a);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DEGRADED);
        fail(a);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DOWN);
        registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(10), null);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.HEALTHY);
        assertThat(registry.status(a).consecutiveFailures()).isZero();
    }

    @Test
    void unreachable_marksDownAtOnce() {
        registry.record(a, UpstreamStatus.Outcome.UNREACHABLE, null, new DnsUnreachableException(a, "no route", null));
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DOWN);
    }

    @Test
    void down_staysDown_onFurtherFailuresOfAnotherKind_untilASuccess() {
        registry.record(a, UpstreamStatus.Outcome.UNREACHABLE, null, new DnsUnreachableException(a, "no route", null));
        registry.record(a, UpstreamStatus.Outcome.NETWORK, null, new RuntimeException("refused"));
        registry.record(a, UpstreamStatus.Outcome.SERVFAIL, Duration.ofMillis(3), null);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DOWN);
        registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(3), null);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.HEALTHY);
    }

    @Test
    void servfail_isCounted_butNeitherFailureNorSuccess() {
        fail(a);
        registry.record(a, UpstreamStatus.Outcome.SERVFAIL, Duration.ofMillis(5), null);
        UpstreamStatus status = registry.status(a);
        assertThat(status.state()).isEqualTo(UpstreamStatus.State.DEGRADED);
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.SERVFAIL)).isEqualTo(1);
        assertThat(status.rttMean()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void slowRtt_degrades_andFastRttsRestore() {
        registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(1500), null);
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.DEGRADED);
        for (int i = 0; i < 30; i++) {
            registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(20), null);
        }
        assertThat(registry.state(a)).isEqualTo(UpstreamStatus.State.HEALTHY);
    }

    @Test
    void statusSnapshot_hasEveryField() {
        vts.advanceTimeBy(Duration.ofMillis(1234));
        registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(30), null);
        registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(30), null);
        DnsTimeoutException timeout = new DnsTimeoutException(a, Duration.ofSeconds(2));
        registry.record(a, UpstreamStatus.Outcome.TIMEOUT, null, timeout);

        UpstreamStatus status = registry.status().get(0);
        assertThat(status.id().toString()).isEqualTo("#000 udp 10.0.0.1:53");
        assertThat(status.protocol()).isEqualTo(Protocol.UDP);
        assertThat(status.address()).isEqualTo("10.0.0.1:53");
        assertThat(status.state()).isEqualTo(UpstreamStatus.State.DEGRADED);
        assertThat(status.rttMean()).isEqualTo(Duration.ofMillis(30));
        assertThat(status.rttTail()).isGreaterThan(Duration.ofMillis(30));
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(2);
        assertThat(status.count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
        assertThat(status.counts()).containsOnlyKeys(UpstreamStatus.Outcome.values());
        assertThat(status.lastError()).contains("DnsTimeoutException").contains("no response within 2000 ms");
        assertThat(status.lastErrorAt()).isEqualTo(Instant.ofEpochMilli(1234));
        assertThat(status.toString()).startsWith("#000 udp 10.0.0.1:53 DEGRADED");

        UpstreamStatus untouched = registry.status().get(1);
        assertThat(untouched.rttMean()).isNull();
        assertThat(untouched.lastError()).isNull();
        assertThat(untouched.count(UpstreamStatus.Outcome.OK)).isZero();
    }

    @Test
    void changes_emitStateChangesOnly_andCompleteOnDispose() {
        StepVerifier.create(registry.changes())
                .then(() -> {
                    registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(5), null);
                    fail(a);
                    fail(a);
                    fail(a);
                    registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(5), null);
                    registry.record(a, UpstreamStatus.Outcome.OK, Duration.ofMillis(5), null);
                })
                .assertNext(s -> assertThat(s.state()).isEqualTo(UpstreamStatus.State.DEGRADED))
                .assertNext(s -> assertThat(s.state()).isEqualTo(UpstreamStatus.State.DOWN))
                .assertNext(s -> {
                    assertThat(s.state()).isEqualTo(UpstreamStatus.State.HEALTHY);
                    assertThat(s.id()).isEqualTo(a);
                })
                .then(registry::dispose)
                .verifyComplete();
        assertThat(registry.isDisposed()).isTrue();
    }

    @Test
    void score_ranksByStateThenRttClass_unmeasuredLast() {
        HealthRegistry three = new HealthRegistry(List.of(id(0), id(1), id(2)), HealthThresholds.DEFAULTS, vts);
        three.record(id(0), UpstreamStatus.Outcome.OK, Duration.ofMillis(100), null);
        three.record(id(1), UpstreamStatus.Outcome.OK, Duration.ofMillis(10), null);
        assertThat(three.score(id(1))).isLessThan(three.score(id(0)));
        assertThat(three.score(id(0))).isLessThan(three.score(id(2)));
        three.record(id(1), UpstreamStatus.Outcome.NETWORK, null, new RuntimeException("reset"));
        assertThat(three.score(id(1))).isGreaterThan(three.score(id(2)));
        // RTTs within a factor of two tie, so config order decides between them.
        three.record(id(2), UpstreamStatus.Outcome.OK, Duration.ofMillis(120), null);
        assertThat(three.score(id(2))).isEqualTo(three.score(id(0)));
    }

    @Test
    void bestHealthyTail_ignoresUnhealthyAndUnmeasuredUpstreams() {
        assertThat(registry.bestHealthyTail()).isEmpty();
        registry.record(id(0), UpstreamStatus.Outcome.OK, Duration.ofMillis(10), null);
        registry.record(id(1), UpstreamStatus.Outcome.OK, Duration.ofMillis(50), null);
        assertThat(registry.bestHealthyTail()).contains(Duration.ofMillis(20));
        fail(id(0));
        assertThat(registry.bestHealthyTail()).contains(Duration.ofMillis(100));
    }

    @Test
    void registry_rejectsUnknownAndDuplicateUpstreams() {
        assertThatThrownBy(() -> registry.state(id(7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#007");
        assertThatThrownBy(() -> new HealthRegistry(List.of(a, a), HealthThresholds.DEFAULTS, vts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void thresholds_areConfigurable_andValidated() {
        HealthRegistry lenient = new HealthRegistry(List.of(a),
                HealthThresholds.DEFAULTS.withFailures(2, 5).withDegradedRtt(Duration.ofMillis(50)), vts);
        lenient.record(a, UpstreamStatus.Outcome.TIMEOUT, null, null);
        assertThat(lenient.state(a)).isEqualTo(UpstreamStatus.State.HEALTHY);
        lenient.record(a, UpstreamStatus.Outcome.TIMEOUT, null, null);
        assertThat(lenient.state(a)).isEqualTo(UpstreamStatus.State.DEGRADED);
        for (int i = 0; i < 3; i++) {
            lenient.record(a, UpstreamStatus.Outcome.TIMEOUT, null, null);
        }
        assertThat(lenient.state(a)).isEqualTo(UpstreamStatus.State.DOWN);
        assertThatThrownBy(() -> HealthThresholds.DEFAULTS.withFailures(3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downAfterFailures");
        assertThatThrownBy(() -> HealthThresholds.DEFAULTS.withFailures(0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degradedAfterFailures");
    }
}
