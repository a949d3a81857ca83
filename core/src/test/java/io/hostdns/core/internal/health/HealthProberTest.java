package io.hostdns.core.internal.health;

import static io.hostdns.core.upstream.Fakes.answer;
import static io.hostdns.core.upstream.Fakes.fake;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Query;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

class HealthProberTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final HealthRegistry registry = new HealthRegistry(List.of(id(0)), HealthThresholds.DEFAULTS, vts);
    private final ProbeSettings settings = new ProbeSettings(ProbeSettings.DEFAULTS.query(), Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofMillis(300));
    private final AtomicBoolean healthy = new AtomicBoolean(false);
    private final Fake upstream = fake(0, q -> healthy.get() ? Mono.just(answer(0, Rcode.NOERROR))
            : Mono.error(new DnsNetworkException(id(0), "connection refused", null)));
    private HealthProber prober;

    @AfterEach
    void disposeAll() {
        if (prober != null) {
            prober.dispose();
        }
        registry.dispose();
        vts.dispose();
    }

    private void markDown() {
        registry.record(id(0), UpstreamStatus.Outcome.UNREACHABLE, null, new DnsUnreachableException(id(0), "no route", null));
    }

    @Test
    void probes_backOffExponentially_upToTheCap() {
        prober = new HealthProber(registry, List.of(upstream.upstream), settings, vts);
        markDown();
        assertThat(prober.isProbing(id(0))).isTrue();
        // Waits 500, 1000, 2000 (cap), 2000: probes at 500, 1500, 3500, 5500 ms.
        long[] probeTimes = {500, 1500, 3500, 5500};
        long now = 0;
        for (int i = 0; i < probeTimes.length; i++) {
            vts.advanceTimeBy(Duration.ofMillis(probeTimes[i] - 1 - now));
            assertThat(upstream.calls).as("before probe %d", i + 1).hasValue(i);
            vts.advanceTimeBy(Duration.ofMillis(1));
            assertThat(upstream.calls).as("at probe %d", i + 1).hasValue(i + 1);
            now = probeTimes[i];
        }
        assertThat(registry.state(id(0))).isEqualTo(UpstreamStatus.State.DOWN);
        assertThat(registry.status(id(0)).count(UpstreamStatus.Outcome.NETWORK)).isEqualTo(4);
    }

    @Test
    void probe_asksRootNs_andItsSuccessBringsTheUpstreamBack_andStopsProbing() {
        prober = new HealthProber(registry, List.of(upstream.upstream), settings, vts);
        markDown();
        healthy.set(true);
        vts.advanceTimeBy(Duration.ofMillis(500));
        assertThat(upstream.queries).containsExactly(Query.of(Name.root, Type.NS));
        assertThat(registry.state(id(0))).isEqualTo(UpstreamStatus.State.HEALTHY);
        assertThat(prober.isProbing(id(0))).isFalse();
        vts.advanceTimeBy(Duration.ofMinutes(5));
        assertThat(upstream.calls).hasValue(1);
    }

    @Test
    void probe_answeredRefused_byAnAuthoritativeOnlyServer_stillBringsTheUpstreamBack() {
        Fake authoritative = fake(0, q -> healthy.get() ? Mono.just(answer(0, Rcode.REFUSED))
                : Mono.error(new DnsNetworkException(id(0), "connection refused", null)));
        prober = new HealthProber(registry, List.of(authoritative.upstream), settings, vts);
        markDown();
        healthy.set(true);
        vts.advanceTimeBy(Duration.ofMillis(500));
        assertThat(registry.state(id(0))).isEqualTo(UpstreamStatus.State.HEALTHY);
        assertThat(prober.isProbing(id(0))).isFalse();
    }

    @Test
    void realQuerySuccess_stopsProbing() {
        prober = new HealthProber(registry, List.of(upstream.upstream), settings, vts);
        markDown();
        vts.advanceTimeBy(Duration.ofMillis(500));
        assertThat(upstream.calls).hasValue(1);
        registry.record(id(0), UpstreamStatus.Outcome.OK, Duration.ofMillis(4), null);
        vts.advanceTimeBy(Duration.ofMinutes(5));
        assertThat(upstream.calls).hasValue(1);
        assertThat(prober.isProbing(id(0))).isFalse();
    }

    @Test
    void probing_restarts_whenTheUpstreamGoesDownAgain() {
        prober = new HealthProber(registry, List.of(upstream.upstream), settings, vts);
        markDown();
        registry.record(id(0), UpstreamStatus.Outcome.OK, Duration.ofMillis(4), null);
        vts.advanceTimeBy(Duration.ofSeconds(1));
        markDown();
        vts.advanceTimeBy(Duration.ofMillis(500));
        assertThat(upstream.calls).hasValue(1);
    }

    @Test
    void probes_stopOnDispose() {
        prober = new HealthProber(registry, List.of(upstream.upstream), settings, vts);
        markDown();
        vts.advanceTimeBy(Duration.ofMillis(1500));
        assertThat(upstream.calls).hasValue(2);
        prober.dispose();
        assertThat(prober.isProbing(id(0))).isFalse();
        vts.advanceTimeBy(Duration.ofMinutes(10));
        assertThat(upstream.calls).hasValue(2);
        assertThat(prober.isDisposed()).isTrue();
    }

    @Test
    void probe_isBoundedByItsTimeout_andTheTimeoutIsRecorded() {
        Fake blackHole = silent(0);
        prober = new HealthProber(registry, List.of(blackHole.upstream), settings, vts);
        markDown();
        vts.advanceTimeBy(Duration.ofMillis(500 + 300));
        assertThat(blackHole.cancels).hasValue(1);
        assertThat(registry.status(id(0)).count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
    }
}
