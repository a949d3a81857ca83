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
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.Fakes.Fake;
import io.hostdns.core.upstream.Fakes;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class FallbackCombinatorTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    private Resolver fallback(Fake... fakes) {
        return new FallbackCombinator(AnswerPredicate.DEFAULT, vts)
                .over(Arrays.stream(fakes).map(f -> f.upstream).toList());
    }

    @Test
    void fallback_movesOn_onServfailAndRefused() {
        Fake servfail = answering(0, Rcode.SERVFAIL, Duration.ofMillis(5), vts);
        Fake refused = answering(1, Rcode.REFUSED, Duration.ofMillis(5), vts);
        Fake good = answering(2, Rcode.NOERROR, Duration.ofMillis(5), vts);

        StepVerifier.withVirtualTime(() -> fallback(servfail, refused, good).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(15))
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(2));
                    assertThat(answer.attempts()).isEqualTo(3);
                    assertThat(answer.elapsed()).isEqualTo(Duration.ofMillis(15));
                })
                .verifyComplete();
    }

    @Test
    void fallback_movesOn_onError() {
        Fake timedOut = failing(0, new DnsTimeoutException(id(0), Duration.ofMillis(100)), Duration.ofMillis(100), vts);
        Fake good = answering(1, Rcode.NXDOMAIN, Duration.ofMillis(5), vts);

        StepVerifier.withVirtualTime(() -> fallback(timedOut, good).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(105))
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
                    assertThat(answer.attempts()).isEqualTo(2);
                })
                .verifyComplete();
    }

    @Test
    void fallback_startsNextOnlyAfterPrevious_andNoMoreAfterAnAcceptedAnswer() {
        Fake first = answering(0, Rcode.NOERROR, Duration.ofMillis(300), vts);
        Fake second = answering(1, Rcode.NOERROR);

        StepVerifier.withVirtualTime(() -> fallback(first, second).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .assertNext(answer -> assertThat(answer.source().upstream()).isEqualTo(id(0)))
                .verifyComplete();
        assertThat(second.calls).hasValue(0);
    }

    @Test
    void fallback_returnsLastAnswer_whenAllServfail() {
        Fake a = answering(0, Rcode.SERVFAIL);
        Fake b = answering(1, Rcode.SERVFAIL);
        Fake c = answering(2, Rcode.SERVFAIL);

        StepVerifier.withVirtualTime(() -> fallback(a, b, c).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .assertNext(answer -> {
                    assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
                    assertThat(answer.source().upstream()).isEqualTo(id(2));
                    assertThat(answer.attempts()).isEqualTo(3);
                })
                .verifyComplete();
    }

    @Test
    void fallback_returnsRejectedAnswer_ratherThanLaterErrors() {
        Fake refused = answering(0, Rcode.REFUSED);
        Fake broken = failing(1, new DnsNetworkException(id(1), "reset", null));

        StepVerifier.withVirtualTime(() -> fallback(refused, broken).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.REFUSED))
                .verifyComplete();
    }

    @Test
    void fallback_errorNamesLastUpstream_andKeepsOthersSuppressed_whenAllFail() {
        DnsTimeoutException first = new DnsTimeoutException(id(0), Duration.ofSeconds(2));
        MalformedResponseException second = new MalformedResponseException(id(1), "garbage", null);
        DnsNetworkException last = new DnsNetworkException(id(2), "connection refused", null);

        StepVerifier.withVirtualTime(() -> fallback(failing(0, first), failing(1, second), failing(2, last))
                        .resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .consumeErrorWith(error -> {
                    assertThat(error).isSameAs(last);
                    assertThat(((DnsNetworkException) error).upstream()).isEqualTo(id(2));
                    assertThat(error.getSuppressed()).containsExactly(first, second);
                })
                .verify();
    }

    @Test
    void fallback_unreachableFailsOverImmediately() {
        Fake unreachable = failing(0, new DnsUnreachableException(id(0), "network is unreachable", null));
        Fake good = answering(1, Rcode.NOERROR);

        StepVerifier.withVirtualTime(() -> fallback(unreachable, good).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .assertNext(answer -> {
                    assertThat(answer.source().upstream()).isEqualTo(id(1));
                    assertThat(answer.elapsed()).isEqualTo(Duration.ZERO);
                })
                .verifyComplete();
        assertThat(vts.now(java.util.concurrent.TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void fallback_cancellationReachesTheRunningAttempt_andStartsNoOther() {
        Fake running = silent(0);
        Fake next = answering(1, Rcode.NOERROR);

        StepVerifier.withVirtualTime(() -> fallback(running, next).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(5))
                .thenCancel()
                .verify();
        assertThat(running.cancels).hasValue(1);
        assertThat(next.calls).hasValue(0);
    }

    @Test
    void fallback_treatsAnEmptyCompletion_asAMalformedFailure_andMovesOn() {
        Fake empty = Fakes.fake(0, q -> reactor.core.publisher.Mono.empty());

        StepVerifier.withVirtualTime(() -> fallback(empty).resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .consumeErrorWith(error -> {
                    assertThat(error).isInstanceOf(MalformedResponseException.class);
                    assertThat(((MalformedResponseException) error).upstream()).isEqualTo(id(0));
                })
                .verify();
    }

    @Test
    void combinator_rejectsEmptyUpstreamList() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new FallbackCombinator(AnswerPredicate.DEFAULT, vts).over(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one upstream");
    }
}
