package io.hostdns.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import io.hostdns.core.upstream.UpstreamGroup;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Per-upstream RTT timer with percentiles, failures by kind and state from the group's health. */
class UpstreamMetricsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final Query query = Query.of("metrics.example", Type.A);

    @Test
    void timed_recordsEachResponseRtt_withPercentiles() {
        AtomicInteger n = new AtomicInteger();
        Upstream upstream = HostDnsMetrics.timed(new Upstream(TestAnswers.UPSTREAM, q -> Mono.fromSupplier(() -> {
            clock.add(Duration.ofMillis(10L * n.incrementAndGet()));
            return TestAnswers.a(q, "192.0.2.1", 60);
        })), registry);
        for (int i = 0; i < 3; i++) {
            upstream.resolver().resolve(query).block(Duration.ofSeconds(5));
        }
        var rtt = registry.get("hostdns.upstream.rtt").tag("upstream", "192.0.2.1:53").tag("protocol", "udp").timer();
        assertThat(rtt.count()).isEqualTo(3);
        assertThat(rtt.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60);
        assertThat(rtt.max(TimeUnit.MILLISECONDS)).isEqualTo(30);
        assertThat(registry.get("hostdns.upstream.rtt.percentile").tag("phi", "0.95").gauge()).isNotNull();
        assertThat(registry.get("hostdns.upstream.rtt.percentile").gauges()).hasSize(3);
    }

    @Test
    void groupBinder_countsFailuresByKind_andShowsTheState() {
        AtomicInteger n = new AtomicInteger();
        Upstream flaky = new Upstream(TestAnswers.UPSTREAM, q -> n.incrementAndGet() <= 2
                ? Mono.just(TestAnswers.rcode(q, Rcode.SERVFAIL))
                : Mono.error(new DnsNetworkException(TestAnswers.UPSTREAM, "connection refused", null)));
        UpstreamGroup group = UpstreamGroup.builder().upstreams(List.of(flaky))
                .scheduler(VirtualTimeScheduler.create()).build();
        try {
            HostDnsMetrics.upstreams(group).bindTo(registry);
            assertThat(registry.get("hostdns.upstream.state").gauge().value()).isEqualTo(0);
            for (int i = 0; i < 3; i++) {
                group.resolve(query).onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
            }
            assertThat(failures("servfail")).isEqualTo(2);
            assertThat(failures("network")).isEqualTo(1);
            assertThat(failures("timeout")).isZero();
            double state = registry.get("hostdns.upstream.state").tag("upstream", "192.0.2.1:53").gauge().value();
            assertThat(state).isPositive().isEqualTo(group.status().get(0).state().ordinal());
        } finally {
            group.dispose();
        }
    }

    private double failures(String kind) {
        return registry.get("hostdns.upstream.failures").tag("kind", kind).tag("upstream", "192.0.2.1:53")
                .functionCounter().count();
    }
}
