package io.hostdns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The {@link Resolver} contract as tests, one per clause, published in core's test-jar. A decorator or
 * combinator proves it keeps the contract by extending this class and building itself over one scripted
 * upstream, a {@code Resolver} lambda. A network client does the same over a fake server that plays the
 * script on the wire (an answer is sent, a {@link DnsTimeoutException} or an empty script is silence, a
 * {@link DnsNetworkException} is an I/O failure of that transport); where a clause cannot be scripted that
 * way (UDP has no connection to fail, no transport tells the server about a cancellation) the client's
 * test overrides the clause's hook: {@link #resolverOverFailingUpstream()}, {@link #resolutionInFlight()}.
 */
public abstract class ResolverContract {

    /** How long a clause waits for an outcome: generous, the CPU may be shared with other builds. */
    protected static final Duration WAIT = Duration.ofSeconds(5);

    protected final Query query = Query.of("contract.example.", Type.A);
    protected final UpstreamId upstreamId;

    /** A contract whose upstream is {@link TestAnswers#UPSTREAM}. */
    protected ResolverContract() {
        this(TestAnswers.UPSTREAM);
    }

    /** A contract whose upstream, which every error must name, is {@code upstreamId}. */
    protected ResolverContract(UpstreamId upstreamId) {
        this.upstreamId = upstreamId;
    }

    /** The resolver under test, built over {@code upstream} as its only way to get answers. */
    protected abstract Resolver resolverOver(Upstream upstream);

    /** The resolver under test over an upstream whose every script is {@code scripted}. */
    protected final Resolver over(Resolver scripted) {
        return resolverOver(new Upstream(upstreamId, scripted));
    }

    /**
     * The resolver under test over an upstream that fails with an I/O error. Default: the script errors
     * with a {@link DnsNetworkException} naming the upstream.
     */
    protected Resolver resolverOverFailingUpstream() {
        return over(q -> Mono.error(new DnsNetworkException(upstreamId, "connection refused", null)));
    }

    /**
     * A resolution the upstream never answers, and how to see that cancelling it released what it held.
     * Default: the upstream's script never completes; it must have been subscribed and must see the cancel.
     */
    protected ResolutionInFlight resolutionInFlight() {
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Resolver resolver = over(q -> Mono.<Answer>never()
                .doOnSubscribe(s -> subscribed.countDown())
                .doOnCancel(cancelled::countDown));
        return new ResolutionInFlight() {
            @Override
            public Mono<Answer> resolution() {
                return resolver.resolve(query);
            }

            @Override
            public void awaitStarted() {
                assertThat(await(subscribed)).as("the upstream was asked").isTrue();
            }

            @Override
            public void assertReleased() {
                assertThat(await(cancelled)).as("the upstream saw the cancellation").isTrue();
            }
        };
    }

    /** A resolution in flight, for the cancellation clause. */
    protected interface ResolutionInFlight {

        /** The resolution; subscribed once. */
        Mono<Answer> resolution();

        /** Returns once the resolution holds its resources (the query reached the upstream), bounded. */
        void awaitStarted();

        /** Asserts that, after the cancellation, the resolution holds nothing any more. */
        void assertReleased();
    }

    /** Waits at most {@link #WAIT} for {@code latch}; on a test thread only (an in-process latch is already open). */
    protected static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void contract_isLazy_nothingReachesTheUpstreamUntilSubscribed() {
        AtomicInteger calls = new AtomicInteger();
        Mono<Answer> pending = over(q -> Mono.fromCallable(() -> {
            calls.incrementAndGet();
            return TestAnswers.a(q, "192.0.2.1", 60);
        })).resolve(query);
        assertThat(calls).hasValue(0);
        StepVerifier.create(pending).expectNextCount(1).expectComplete().verify(WAIT);
        assertThat(calls).hasValue(1);
    }

    @Test
    void contract_cancellationReachesTheUpstream() {
        ResolutionInFlight inFlight = resolutionInFlight();
        Disposable subscription = inFlight.resolution().subscribe();
        inFlight.awaitStarted();
        subscription.dispose();
        inFlight.assertReleased();
    }

    @Test
    void contract_nxdomainIsAnAnswer() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.nxdomain(q, 60, 60))).resolve(query))
                .assertNext(a -> assertThat(a.rcode()).isEqualTo(Rcode.NXDOMAIN))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void contract_servfailIsAnAnswer() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.rcode(q, Rcode.SERVFAIL))).resolve(query))
                .assertNext(a -> assertThat(a.rcode()).isEqualTo(Rcode.SERVFAIL))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void contract_timeoutIsATypedErrorNamingTheUpstream() {
        StepVerifier.create(over(q -> Mono.error(new DnsTimeoutException(upstreamId, Duration.ofSeconds(2))))
                        .resolve(query))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsTimeoutException.class);
                    assertThat(((DnsException) e).upstream()).isEqualTo(upstreamId);
                })
                .verify(WAIT);
    }

    @Test
    void contract_ioFailureIsATypedErrorNamingTheUpstream() {
        StepVerifier.create(resolverOverFailingUpstream().resolve(query))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsNetworkException.class);
                    assertThat(((DnsException) e).upstream()).isEqualTo(upstreamId);
                    assertThat(e).hasMessageContaining(upstreamId.toString());
                })
                .verify(WAIT);
    }

    @Test
    void contract_neverCompletesEmpty_evenWhenTheUpstreamDoes() {
        StepVerifier.create(over(q -> Mono.empty()).resolve(query))
                .expectError(DnsException.class)
                .verify(WAIT);
    }

    @Test
    void contract_answersTheQuestionAsked() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.a(q, "192.0.2.9", 60))).resolve(query))
                .assertNext(a -> assertThat(Query.from(a.message())).isEqualTo(query))
                .expectComplete()
                .verify(WAIT);
    }
}
