package io.hostdns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The {@link Resolver} contract as tests, one per clause. A decorator or combinator proves it keeps
 * the contract by extending this class and building itself over one scripted upstream.
 */
public abstract class ResolverContract {

    protected final Query query = Query.of("contract.example.", Type.A);
    protected final UpstreamId upstreamId = TestAnswers.UPSTREAM;

    /** The resolver under test, built over {@code upstream} as its only way to get answers. */
    protected abstract Resolver resolverOver(Upstream upstream);

    private Resolver over(Resolver scripted) {
        return resolverOver(new Upstream(upstreamId, scripted));
    }

    @Test
    void contract_isLazy_nothingReachesTheUpstreamUntilSubscribed() {
        AtomicInteger calls = new AtomicInteger();
        Mono<Answer> pending = over(q -> Mono.fromCallable(() -> {
            calls.incrementAndGet();
            return TestAnswers.a(q, "192.0.2.1", 60);
        })).resolve(query);
        assertThat(calls).hasValue(0);
        StepVerifier.create(pending).expectNextCount(1).verifyComplete();
        assertThat(calls).hasValue(1);
    }

    @Test
    void contract_cancellationReachesTheUpstream() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        AtomicBoolean upstreamSubscribed = new AtomicBoolean();
        Resolver resolver = over(q -> Mono.<Answer>never()
                .doOnSubscribe(s -> upstreamSubscribed.set(true))
                .doOnCancel(() -> upstreamCancelled.set(true)));
        Disposable subscription = resolver.resolve(query).subscribe();
        assertThat(upstreamSubscribed).isTrue();
        subscription.dispose();
        assertThat(upstreamCancelled).isTrue();
    }

    @Test
    void contract_nxdomainIsAnAnswer() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.nxdomain(q, 60, 60))).resolve(query))
                .assertNext(a -> assertThat(a.rcode()).isEqualTo(Rcode.NXDOMAIN))
                .verifyComplete();
    }

    @Test
    void contract_servfailIsAnAnswer() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.rcode(q, Rcode.SERVFAIL))).resolve(query))
                .assertNext(a -> assertThat(a.rcode()).isEqualTo(Rcode.SERVFAIL))
                .verifyComplete();
    }

    @Test
    void contract_timeoutIsATypedErrorNamingTheUpstream() {
        StepVerifier.create(over(q -> Mono.error(new DnsTimeoutException(upstreamId, Duration.ofSeconds(2))))
                        .resolve(query))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsTimeoutException.class);
                    assertThat(((DnsException) e).upstream()).isEqualTo(upstreamId);
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void contract_ioFailureIsATypedErrorNamingTheUpstream() {
        StepVerifier.create(over(q -> Mono.error(new DnsNetworkException(upstreamId, "connection refused", null)))
                        .resolve(query))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsNetworkException.class);
                    assertThat(((DnsException) e).upstream()).isEqualTo(upstreamId);
                    assertThat(e).hasMessageContaining(upstreamId.toString());
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void contract_neverCompletesEmpty_evenWhenTheUpstreamDoes() {
        StepVerifier.create(over(q -> Mono.empty()).resolve(query))
                .expectError(DnsException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void contract_answersTheQuestionAsked() {
        StepVerifier.create(over(q -> Mono.just(TestAnswers.a(q, "192.0.2.9", 60))).resolve(query))
                .assertNext(a -> assertThat(Query.from(a.message())).isEqualTo(query))
                .verifyComplete();
    }
}
