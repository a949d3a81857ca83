package io.hostdns.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.ConcurrencyLimitExceededException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class ConcurrencyLimitResolverTest {

    private final Query query = Query.of("limit.example.", Type.A);

    @Nested
    class Contract extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return new ConcurrencyLimitResolver(upstream.resolver(), 4);
        }
    }

    @Test
    void pastTheCap_failsAtOnceWithATypedError_withoutCallingTheDelegate() {
        AtomicInteger calls = new AtomicInteger();
        ConcurrencyLimitResolver limited = new ConcurrencyLimitResolver(q -> {
            calls.incrementAndGet();
            return Mono.never();
        }, 3);
        List<Disposable> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(limited.resolve(query).subscribe());
        }

        StepVerifier.create(limited.resolve(query))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConcurrencyLimitExceededException.class)
                        .hasMessageContaining("limit 3"))
                .verify(Duration.ofSeconds(1));
        assertThat(calls).hasValue(3);
        assertThat(limited.inFlight()).isEqualTo(3);
        assertThat(limited.rejected()).isEqualTo(1);
        running.forEach(Disposable::dispose);
    }

    @Test
    void slotsComeBack_onAnswerErrorAndCancel() {
        Sinks.One<Answer> answer = Sinks.one();
        Sinks.One<Answer> failure = Sinks.one();
        List<Sinks.One<Answer>> scripts = List.of(answer, failure, Sinks.one());
        AtomicInteger next = new AtomicInteger();
        ConcurrencyLimitResolver limited = new ConcurrencyLimitResolver(
                q -> scripts.get(next.getAndIncrement()).asMono(), 3);
        Disposable one = limited.resolve(query).subscribe(a -> { }, e -> { });
        Disposable two = limited.resolve(query).subscribe(a -> { }, e -> { });
        Disposable three = limited.resolve(query).subscribe(a -> { }, e -> { });
        assertThat(limited.inFlight()).isEqualTo(3);

        answer.tryEmitValue(TestAnswers.a(query, "192.0.2.1", 60));
        assertThat(limited.inFlight()).isEqualTo(2);
        failure.tryEmitError(new IllegalStateException("boom"));
        assertThat(limited.inFlight()).isEqualTo(1);
        three.dispose();
        assertThat(limited.inFlight()).isZero();
        assertThat(one.isDisposed() && two.isDisposed()).isTrue();
    }

    @Test
    void aDelegateThatThrows_failsTheCall_andFreesTheSlot() {
        ConcurrencyLimitResolver limited = new ConcurrencyLimitResolver(q -> {
            throw new IllegalStateException("broken delegate");
        }, 1);

        StepVerifier.create(limited.resolve(query)).expectError(IllegalStateException.class).verify(Duration.ofSeconds(1));
        assertThat(limited.inFlight()).isZero();
    }

    @Test
    void underTheCap_manySequentialQueries_neverReject() {
        ConcurrencyLimitResolver limited = new ConcurrencyLimitResolver(
                q -> Mono.just(TestAnswers.a(q, "192.0.2.2", 60)), 1);
        for (int i = 0; i < 100; i++) {
            StepVerifier.create(limited.resolve(query)).expectNextCount(1).verifyComplete();
        }
        assertThat(limited.rejected()).isZero();
        assertThat(limited.inFlight()).isZero();
    }
}
