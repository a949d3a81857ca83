package io.hostdns.core.internal.combine;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.context.Context;

class DeadlineTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    private Upstream bounded(Fake fake, Duration attemptTimeout) {
        return Timeouts.attemptTimeout(fake.upstream, attemptTimeout, vts);
    }

    @Test
    void attemptTimeout_failsWithTimeoutNamingTheUpstream_andCancelsTheAttempt() {
        Fake blackHole = silent(0);
        Resolver resolver = bounded(blackHole, Duration.ofSeconds(2)).resolver();

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .expectNoEvent(Duration.ofMillis(1))
                .consumeErrorWith(error -> {
                    assertThat(error).isInstanceOf(DnsTimeoutException.class);
                    assertThat(((DnsTimeoutException) error).upstream()).isEqualTo(id(0));
                    assertThat(((DnsTimeoutException) error).timeout()).isEqualTo(Duration.ofSeconds(2));
                })
                .verify();
        assertThat(blackHole.cancels).hasValue(1);
    }

    @Test
    void deadline_capsAttemptsAndTheWhole_withDefaults() {
        Fake a = silent(0);
        Fake b = silent(1);
        Fake c = silent(2);
        Resolver chain = new FallbackCombinator(AnswerPredicate.DEFAULT, vts).over(List.of(
                bounded(a, Timeouts.DEFAULT_ATTEMPT_TIMEOUT), bounded(b, Timeouts.DEFAULT_ATTEMPT_TIMEOUT),
                bounded(c, Timeouts.DEFAULT_ATTEMPT_TIMEOUT)));
        Resolver resolver = Timeouts.deadline(chain, Timeouts.DEFAULT_DEADLINE, vts);

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2000))
                .then(() -> assertThat(List.of(a.cancels.get(), b.calls.get())).containsExactly(1, 1))
                .expectNoEvent(Duration.ofMillis(2000))
                .then(() -> assertThat(List.of(b.cancels.get(), c.calls.get())).containsExactly(1, 1))
                .expectNoEvent(Duration.ofMillis(499))
                .expectNoEvent(Duration.ofMillis(1))
                .consumeErrorWith(error -> {
                    assertThat(error).isInstanceOf(DnsTimeoutException.class);
                    assertThat(((DnsTimeoutException) error).upstream()).isNull();
                    assertThat(((DnsTimeoutException) error).timeout()).isEqualTo(Duration.ofMillis(4500));
                })
                .verify();
        assertThat(c.cancels).hasValue(1);
    }

    @Test
    void attemptTimeout_isCutToTheRemainingBudget() {
        Fake blackHole = silent(0);
        Resolver resolver = bounded(blackHole, Duration.ofSeconds(2)).resolver();

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY)
                                .contextWrite(Context.of(Deadline.KEY, new Deadline(700, Duration.ofSeconds(1)))),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(700))
                .consumeErrorWith(error -> {
                    assertThat(((DnsTimeoutException) error).upstream()).isEqualTo(id(0));
                    assertThat(((DnsTimeoutException) error).timeout()).isEqualTo(Duration.ofMillis(700));
                })
                .verify();
    }

    @Test
    void attempt_isNotStarted_whenTheBudgetIsSpent() {
        Fake upstream = answering(0, Rcode.NOERROR);
        Resolver resolver = bounded(upstream, Duration.ofSeconds(2)).resolver();

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY)
                                .contextWrite(Context.of(Deadline.KEY, new Deadline(0, Duration.ofSeconds(1)))),
                        () -> vts, Long.MAX_VALUE)
                .consumeErrorWith(error -> assertThat(((DnsTimeoutException) error).upstream()).isNull())
                .verify();
        assertThat(upstream.calls).hasValue(0);
    }

    @Test
    void deadline_passesAnswersThrough_withinBudget() {
        Fake upstream = answering(0, Rcode.NOERROR, Duration.ofMillis(40), vts);
        Resolver resolver = Timeouts.deadline(bounded(upstream, Duration.ofSeconds(2)).resolver(),
                Duration.ofMillis(100), vts);

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(40))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .verifyComplete();
    }

    @Test
    void nestedDeadline_keepsTheEarlierExpiry() {
        Fake blackHole = silent(0);
        Resolver inner = Timeouts.deadline(bounded(blackHole, Duration.ofSeconds(2)).resolver(),
                Duration.ofSeconds(3), vts);
        Resolver outer = Timeouts.deadline(inner, Duration.ofMillis(300), vts);

        StepVerifier.withVirtualTime(() -> outer.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .consumeErrorWith(error -> {
                    assertThat(((DnsTimeoutException) error).upstream()).isNull();
                    assertThat(((DnsTimeoutException) error).timeout()).isEqualTo(Duration.ofMillis(300));
                })
                .verify();
    }

    @Test
    void timeouts_rejectSubMillisecondValues() {
        assertThatThrownBy(() -> Timeouts.deadline(q -> reactor.core.publisher.Mono.never(), Duration.ZERO, vts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> Timeouts.attemptTimeout(silent(0).upstream, Duration.ofNanos(10), vts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt timeout");
    }
}
