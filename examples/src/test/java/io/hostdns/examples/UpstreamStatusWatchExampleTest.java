package io.hostdns.examples;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class UpstreamStatusWatchExampleTest {

    @Test
    void stateChanges_reportDegradedThenDown_andHealthyAgainWhenTheProbeSucceeds() {
        AtomicBoolean up = new AtomicBoolean(false);
        DnsResources resources = DnsResources.create("watch-test", 1);
        try (FakeDnsServer flaky = FakeDnsServer.start(request -> up.get() ? aFor("192.0.2.1") : FakeReply.drop())) {
            UpstreamGroup group = Resolvers.group()
                    .upstreams(UpstreamFactory.create(resources).createAll(List.of("127.0.0.1:" + flaky.port())))
                    .attemptTimeout(Duration.ofMillis(100))
                    .healthThresholds(HealthThresholds.DEFAULTS.withFailures(1, 2))
                    .probes(new ProbeSettings(Query.of(Name.root, Type.NS), Duration.ofMillis(50),
                            Duration.ofMillis(200), Duration.ofMillis(200)))
                    .build();
            Query question = Query.of("svc.example", Type.A);
            // each failed query is recorded in the group's health, which is what the example watches
            Mono<Void> twoFailures = Flux.range(0, 2)
                    .concatMap(i -> group.resolve(question).then().onErrorResume(e -> Mono.empty()))
                    .then();

            StepVerifier.create(UpstreamStatusWatchExample.stateChanges(group).take(3))
                    .then(() -> twoFailures.subscribe())
                    .assertNext(line -> assertThat(line).startsWith("#000 udp 127.0.0.1:" + flaky.port() + " is now DEGRADED")
                            .contains("no answer yet", "1 failures in a row", "DnsTimeoutException"))
                    .assertNext(line -> assertThat(line).contains("is now DOWN", "2 failures in a row"))
                    .then(() -> up.set(true))
                    .assertNext(line -> assertThat(line).contains("is now HEALTHY", "0 failures in a row")
                            .containsPattern("rtt \\d+ ms"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            group.dispose();
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
