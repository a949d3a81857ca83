package io.hostdns.core.internal.health;

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
import io.hostdns.core.Upstream;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.Fakes;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class HealthTrackingResolverTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final HealthRegistry registry = new HealthRegistry(List.of(id(0)), HealthThresholds.DEFAULTS, vts);

    /** Runs one attempt to its end on the virtual clock (StepVerifier would dispose the shared clock). */
    private void run(Fake fake) {
        Upstream tracked = HealthTrackingResolver.track(fake.upstream, registry, vts);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        tracked.resolver().resolve(QUERY).then()
                .onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .doFinally(signal -> done.set(true))
                .subscribe();
        vts.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(done).isTrue();
    }

    @Test
    void tracking_recordsOkWithRttOnTheSchedulerClock() {
        run(answering(0, Rcode.NXDOMAIN, Duration.ofMillis(30), vts));
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(1);
        assertThat(status.rttMean()).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void tracking_recordsServfailAndRefusedAnswers() {
        run(answering(0, Rcode.SERVFAIL, Duration.ofMillis(3), vts));
        run(answering(0, Rcode.REFUSED, Duration.ofMillis(3), vts));
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.count(UpstreamStatus.Outcome.SERVFAIL)).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.REFUSED)).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void tracking_classifiesEachTypedError() {
        run(failing(0, new DnsTimeoutException(id(0), Duration.ofSeconds(2))));
        run(failing(0, new DnsNetworkException(id(0), "reset", null)));
        run(failing(0, new MalformedResponseException(id(0), "bad", null)));
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.NETWORK)).isEqualTo(1);
        assertThat(status.count(UpstreamStatus.Outcome.MALFORMED)).isEqualTo(1);
        assertThat(status.state()).isEqualTo(UpstreamStatus.State.DOWN);
        assertThat(status.lastError()).contains("bad");
        assertThat(status.rttMean()).isNull();
        run(failing(0, new DnsUnreachableException(id(0), "no route", null)));
        assertThat(registry.status(id(0)).count(UpstreamStatus.Outcome.UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void cancelledAttempt_teachesALowerBoundOfTheRtt_whenItWaitedLongerThanTheMean() {
        run(answering(0, Rcode.NOERROR, Duration.ofMillis(10), vts));
        Upstream tracked = HealthTrackingResolver.track(silent(0).upstream, registry, vts);
        reactor.core.Disposable attempt = tracked.resolver().resolve(QUERY).subscribe();
        vts.advanceTimeBy(Duration.ofMillis(300));
        attempt.dispose();

        UpstreamStatus status = registry.status(id(0));
        assertThat(status.rttMean()).isGreaterThan(Duration.ofMillis(10));
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isZero();

        Duration mean = status.rttMean();
        reactor.core.Disposable quick = tracked.resolver().resolve(QUERY).subscribe();
        vts.advanceTimeBy(Duration.ofMillis(1));
        quick.dispose();
        assertThat(registry.status(id(0)).rttMean()).as("a wait shorter than the mean teaches nothing").isEqualTo(mean);
    }

    @Test
    void cancelAfterTheAnswer_isNoUnansweredAttempt_andAddsNoSecondRttSample() {
        // a combinator that stops its source once it has the value cancels after onNext: that attempt was answered
        run(answering(0, Rcode.NOERROR, Duration.ofMillis(2), vts));
        Upstream tracked = HealthTrackingResolver.track(
                Fakes.fake(0, q -> reactor.core.publisher.Mono.delay(Duration.ofMillis(240), vts)
                        .map(tick -> Fakes.answer(0, Rcode.NOERROR).withAttempts(2))).upstream, registry, vts);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        tracked.resolver().resolve(QUERY).flux().take(1).doFinally(signal -> done.set(true)).subscribe();
        vts.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(done).isTrue();
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(2);
        assertThat(status.rttMean()).as("neither the retransmitted answer nor the cancel after it is a sample")
                .isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void tracking_countsNoOutcome_forACancelledAttempt() {
        Upstream tracked = HealthTrackingResolver.track(silent(0).upstream, registry, vts);
        StepVerifier.withVirtualTime(() -> tracked.resolver().resolve(QUERY), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(5))
                .thenCancel()
                .verify();
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.counts().values()).allMatch(count -> count == 0);
        assertThat(status.consecutiveFailures()).isZero();
        // Waiting 5 s unanswered is slow (DEGRADED by RTT), never a failure that could make it DOWN.
        assertThat(status.state()).isNotEqualTo(UpstreamStatus.State.DOWN);
    }

    @Test
    void answerThatTookMoreThanOneDatagram_isASuccess_withoutAnRttSample() {
        // a UDP client that retransmitted (or retried over TCP) answers with attempts > 1: its time includes the
        // wait before the repeat, so it teaches nothing about the round trip (Karn's rule)
        Fake retransmitted = Fakes.fake(0, q -> reactor.core.publisher.Mono.delay(Duration.ofMillis(240), vts)
                .map(tick -> Fakes.answer(0, Rcode.NOERROR).withAttempts(2)));
        run(retransmitted);
        UpstreamStatus status = registry.status(id(0));
        assertThat(status.count(UpstreamStatus.Outcome.OK)).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.rttMean()).as("no RTT sample from a retransmitted query").isNull();

        run(answering(0, Rcode.NOERROR, Duration.ofMillis(3), vts));
        assertThat(registry.status(id(0)).rttMean()).as("a single-datagram answer is sampled").isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void realQuerySuccess_bringsADownUpstreamBack() {
        run(failing(0, new DnsUnreachableException(id(0), "no route", null)));
        assertThat(registry.state(id(0))).isEqualTo(UpstreamStatus.State.DOWN);
        run(answering(0, Rcode.NOERROR, Duration.ofMillis(8), vts));
        assertThat(registry.state(id(0))).isEqualTo(UpstreamStatus.State.HEALTHY);
    }
}
