package io.hostdns.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Queries by rcode and source, errors by kind, duration and attempts, asserted by name and value. */
class MeteredResolverTest extends ResolverContract {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        return HostDnsMetrics.metered(upstream.resolver(), registry);
    }

    private void resolve(Resolver resolver, String name) {
        StepVerifier.create(resolver.resolve(Query.of(name, Type.A)).onErrorResume(e -> Mono.empty()))
                .thenConsumeWhile(a -> true).verifyComplete();
    }

    private double queries(String rcode, String source) {
        return registry.get("hostdns.queries").tag("rcode", rcode).tag("source", source).counter().count();
    }

    @Test
    void countsByRcodeAndSource_errorsByKind_andTimesEachAnswer() {
        Function<Query, Mono<Answer>> script = q -> Mono.defer(() -> {
            clock.add(Duration.ofMillis(40));
            return switch (q.name().getLabelString(0)) {
                case "up" -> Mono.just(TestAnswers.a(q, "192.0.2.1", 60).withAttempts(2));
                case "cached" -> Mono.just(TestAnswers.a(q, "192.0.2.1", 60).withSource(AnswerSource.CACHE));
                case "stale" -> Mono.just(TestAnswers.a(q, "192.0.2.1", 60).withSource(AnswerSource.STALE));
                case "hosts" -> Mono.just(TestAnswers.a(q, "192.0.2.1", 60).withSource(AnswerSource.HOSTS));
                case "member" -> Mono.just(TestAnswers.a(q, "192.0.2.1", 60).withSource(AnswerSource.MEMBER));
                case "missing" -> Mono.just(TestAnswers.nxdomain(q, 60, 60));
                case "slow" -> Mono.error(new DnsTimeoutException(TestAnswers.UPSTREAM, Duration.ofSeconds(2)));
                default -> Mono.error(new AllUpstreamsDownException(List.of(TestAnswers.UPSTREAM)));
            };
        });
        Resolver resolver = HostDnsMetrics.metered(script::apply, registry);
        for (String name : List.of("up.example", "up.example", "cached.example", "stale.example", "hosts.example",
                "member.example", "missing.example", "slow.example", "down.example")) {
            resolve(resolver, name);
        }
        assertThat(queries("noerror", "upstream")).isEqualTo(2);
        assertThat(queries("noerror", "cache")).isEqualTo(1);
        assertThat(queries("noerror", "stale")).isEqualTo(1);
        assertThat(queries("noerror", "hosts")).isEqualTo(1);
        assertThat(queries("noerror", "member")).isEqualTo(1);
        assertThat(queries("nxdomain", "upstream")).isEqualTo(1);
        assertThat(registry.get("hostdns.query.errors").tag("kind", "timeout").counter().count()).isEqualTo(1);
        assertThat(registry.get("hostdns.query.errors").tag("kind", "all_down").counter().count()).isEqualTo(1);
        var upstreamTimer = registry.get("hostdns.query.duration").tag("source", "upstream").timer();
        assertThat(upstreamTimer.count()).isEqualTo(3);
        assertThat(upstreamTimer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
        var attempts = registry.get("hostdns.query.upstream.attempts").summary();
        assertThat(attempts.count()).isEqualTo(7);
        assertThat(attempts.max()).isEqualTo(2);
    }

    @Test
    void cancelledResolution_isNotCounted() {
        Resolver resolver = HostDnsMetrics.metered(q -> Mono.never(), registry);
        resolver.resolve(Query.of("never.example", Type.A)).subscribe().dispose();
        assertThat(registry.find("hostdns.queries").counters()).isEmpty();
        assertThat(registry.find("hostdns.query.errors").counters()).isEmpty();
    }
}
