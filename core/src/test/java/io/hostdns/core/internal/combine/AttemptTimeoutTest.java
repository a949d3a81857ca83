package io.hostdns.core.internal.combine;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.failing;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.Fakes.Fake;
import io.hostdns.core.upstream.Fakes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class AttemptTimeoutTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    private Resolver bounded(Fake fake) {
        return Timeouts.attemptTimeout(fake.upstream, Duration.ofSeconds(2), vts).resolver();
    }

    @Test
    void answerBeforeTheTimeout_isPassedOn_andTheTimerIsCancelled() {
        Fake upstream = answering(0, Rcode.NOERROR, Duration.ofMillis(1999), vts);
        Resolver resolver = bounded(upstream);

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .expectComplete()
                .verify();
        vts.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(upstream.cancels).hasValue(0);
    }

    @Test
    void errorBeforeTheTimeout_isPassedOnUnchanged() {
        DnsNetworkException refused = new DnsNetworkException(Fakes.id(0), "refused", null);
        Resolver resolver = bounded(failing(0, refused, Duration.ofMillis(10), vts));

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(refused))
                .verify();
    }

    @Test
    void cancellingTheCaller_cancelsTheAttempt_andNoTimeoutFollows() {
        Fake blackHole = silent(0);
        Resolver resolver = bounded(blackHole);

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(500))
                .thenCancel()
                .verify();
        assertThat(blackHole.cancels).hasValue(1);
        vts.advanceTimeBy(Duration.ofSeconds(5)); // the timer must be gone: nothing fires
        assertThat(blackHole.cancels).hasValue(1);
    }

    @Test
    void eachSubscription_isItsOwnAttempt_withItsOwnTimer() {
        Fake blackHole = silent(0);
        Resolver resolver = bounded(blackHole);

        StepVerifier.withVirtualTime(() -> resolver.resolve(QUERY).onErrorResume(e -> resolver.resolve(QUERY)),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(4))
                .expectError(io.hostdns.core.DnsTimeoutException.class)
                .verify();
        assertThat(blackHole.calls).hasValue(2);
        assertThat(blackHole.cancels).hasValue(2);
    }
}
