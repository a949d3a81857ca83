package io.hostdns.core.internal.combine;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.failing;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class HedgeCombinatorTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    private Resolver hedge(Duration delay, Fake... fakes) {
        return new HedgeCombinator(HedgeDelay.fixed(delay), AnswerPredicate.DEFAULT, vts)
                .over(Arrays.stream(fakes).map(f -> f.upstream).toList());
    }

    @Test
    void hedge_startsSecondUpstream_whenFirstIsSlowerThanDelay() {
        Fake slow = answering(0, Rcode.NOERROR, Duration.ofMillis(200), vts);
        Fake fast = answering(1, Rcode.NOERROR, Duration.ofMillis(30), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(50), slow, fast).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(49))
                .then(() -> assertThat(fast.calls).hasValue(0))
                .expectNoEvent(Duration.ofMillis(1))
                .then(() -> assertThat(fast.calls).hasValue(1))
                .expectNoEvent(Duration.ofMillis(30))
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(1));
                    assertThat(answer.attempts()).isEqualTo(2);
                    assertThat(answer.elapsed()).isEqualTo(Duration.ofMillis(80));
                })
                .verifyComplete();
        assertThat(slow.cancels).hasValue(1);
    }

    @Test
    void hedge_doesNotStartSecondUpstream_whenFirstAnswersInTime() {
        Fake first = answering(0, Rcode.NOERROR, Duration.ofMillis(20), vts);
        Fake second = answering(1, Rcode.NOERROR, Duration.ofMillis(1), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(50), first, second).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(0));
                    assertThat(answer.attempts()).isEqualTo(1);
                })
                .verifyComplete();
        vts.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(second.calls).hasValue(0);
    }

    @Test
    void hedge_startsNextAtOnce_whenCurrentFailsWithError() {
        Fake broken = failing(0, new DnsNetworkException(id(0), "reset", null), Duration.ofMillis(5), vts);
        Fake good = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(500), broken, good).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(15))
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(1));
                    assertThat(answer.elapsed()).isEqualTo(Duration.ofMillis(15));
                })
                .verifyComplete();
    }

    @Test
    void hedge_startsNextAtOnce_onServfail() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake good = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(500), servfail, good).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(15))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .verifyComplete();
    }

    @Test
    void hedge_earlierAttemptKeepsRunning_andCanStillWin() {
        Fake first = answering(0, Rcode.NOERROR, Duration.ofMillis(70), vts);
        Fake second = answering(1, Rcode.NOERROR, Duration.ofMillis(100), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(50), first, second).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(70))
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(0));
                    assertThat(answer.attempts()).isEqualTo(2);
                })
                .verifyComplete();
        assertThat(second.cancels).hasValue(1);
    }

    @Test
    void hedge_staggersEveryUpstream_byTheDelay() {
        List<Fake> fakes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fakes.add(silent(i));
        }
        Resolver resolver = hedge(Duration.ofMillis(100), fakes.toArray(Fake[]::new));

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertThat(calls(fakes)).containsExactly(1, 0, 0, 0))
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> assertThat(calls(fakes)).containsExactly(1, 1, 0, 0))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertThat(calls(fakes)).containsExactly(1, 1, 1, 1))
                .thenCancel()
                .verify();
        assertThat(fakes).allSatisfy(f -> assertThat(f.cancels).hasValue(1));
    }

    @Test
    void hedge_withZeroDelay_startsEveryUpstreamAtOnce() {
        Fake a = silent(0);
        Fake b = answering(1, Rcode.NOERROR, Duration.ofMillis(7), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ZERO, a, b).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(7))
                .assertNext(answer -> assertThat(answer.elapsed()).isEqualTo(Duration.ofMillis(7)))
                .verifyComplete();
        assertThat(a.cancels).hasValue(1);
    }

    @Test
    void hedge_returnsLastRejectedAnswer_whenNoneIsAcceptable() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake refused = answering(1, Rcode.REFUSED, Duration.ofMillis(5), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(50), servfail, refused).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.REFUSED);
                    assertThat(answer.attempts()).isEqualTo(2);
                })
                .verifyComplete();
    }

    @Test
    void hedge_failsWithMostInformativeError_whenAllFail() {
        DnsUnreachableException unreachable = new DnsUnreachableException(id(0), "no route", null);
        DnsTimeoutException timeout = new DnsTimeoutException(id(1), Duration.ofMillis(30));
        Fake a = failing(0, unreachable);
        Fake b = failing(1, timeout, Duration.ofMillis(30), vts);

        StepVerifier.withVirtualTime(() -> hedge(Duration.ofMillis(50), a, b).resolve(QUERY),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(30))
                .consumeErrorWith(error -> {
                    assertThat(error).isSameAs(timeout);
                    assertThat(error.getSuppressed()).containsExactly(unreachable);
                })
                .verify();
    }

    private static List<Integer> calls(List<Fake> fakes) {
        return fakes.stream().map(f -> f.calls.get()).toList();
    }
}
