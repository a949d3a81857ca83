package io.hostdns.core.internal.combine;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.failing;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class RaceCombinatorTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    private Resolver race(Fake... fakes) {
        return new RaceCombinator(AnswerPredicate.DEFAULT, vts)
                .over(java.util.Arrays.stream(fakes).map(f -> f.upstream).toList());
    }

    @Test
    void race_firstAcceptableAnswerWins_andLosersAreCancelled() {
        Fake slow = answering(0, Rcode.NOERROR, Duration.ofMillis(30), vts);
        Fake fast = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);
        Fake dead = silent(2);

        StepVerifier.withVirtualTime(() -> race(slow, fast, dead).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .assertNext(answer -> {
                    assertThat(answer.source()).isEqualTo(AnswerSource.upstream(id(1)));
                    assertThat(answer.attempts()).isEqualTo(3);
                    assertThat(answer.elapsed()).isEqualTo(Duration.ofMillis(10));
                })
                .verifyComplete();

        assertThat(List.of(slow.calls.get(), fast.calls.get(), dead.calls.get())).containsExactly(1, 1, 1);
        assertThat(slow.cancels).hasValue(1);
        assertThat(dead.cancels).hasValue(1);
    }

    @Test
    void race_prefersAcceptableAnswer_overEarlierServfail() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake good = answering(1, Rcode.NXDOMAIN, Duration.ofMillis(20), vts);

        StepVerifier.withVirtualTime(() -> race(servfail, good).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
                    assertThat(answer.source().upstream()).isEqualTo(id(1));
                })
                .verifyComplete();
    }

    @Test
    void race_returnsLastRejectedAnswer_whenNoneIsAcceptable() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake refused = answering(1, Rcode.REFUSED, Duration.ofMillis(10), vts);
        Fake broken = failing(2, new DnsNetworkException(id(2), "reset", null), Duration.ofMillis(1), vts);

        StepVerifier.withVirtualTime(() -> race(servfail, refused, broken).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.REFUSED);
                    assertThat(answer.source().upstream()).isEqualTo(id(1));
                    assertThat(answer.attempts()).isEqualTo(3);
                })
                .verifyComplete();
    }

    @Test
    void race_failsWithMostInformativeError_keepingOthersSuppressed_whenAllFail() {
        DnsUnreachableException unreachable = new DnsUnreachableException(id(0), "no route", null);
        DnsTimeoutException timeout = new DnsTimeoutException(id(1), Duration.ofMillis(20));
        DnsNetworkException reset = new DnsNetworkException(id(2), "reset", null);
        Fake a = failing(0, unreachable);
        Fake b = failing(1, timeout, Duration.ofMillis(20), vts);
        Fake c = failing(2, reset, Duration.ofMillis(5), vts);

        StepVerifier.withVirtualTime(() -> race(a, b, c).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .consumeErrorWith(error -> {
                    assertThat(error).isSameAs(timeout);
                    assertThat(error.getSuppressed()).containsExactlyInAnyOrder(unreachable, reset);
                })
                .verify();
    }

    @Test
    void race_cancellationReachesEveryAttempt() {
        Fake a = silent(0);
        Fake b = silent(1);
        Fake c = silent(2);

        StepVerifier.withVirtualTime(() -> race(a, b, c).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify();

        assertThat(List.of(a.cancels.get(), b.cancels.get(), c.cancels.get())).containsExactly(1, 1, 1);
    }

    @Test
    void race_isLazy_untilSubscribed() {
        Fake a = answering(0, Rcode.NOERROR);
        race(a).resolve(QUERY);
        assertThat(a.calls).hasValue(0);
    }

    @Test
    void race_acceptsServfail_whenPredicateAcceptsAll() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake good = answering(1, Rcode.NOERROR, Duration.ofMillis(20), vts);
        Resolver acceptAll = new RaceCombinator(AnswerPredicate.ACCEPT_ALL, vts)
                .over(List.of(servfail.upstream, good.upstream));

        StepVerifier.withVirtualTime(() -> acceptAll.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(5))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL))
                .verifyComplete();
        assertThat(good.cancels).hasValue(1);
    }

}
