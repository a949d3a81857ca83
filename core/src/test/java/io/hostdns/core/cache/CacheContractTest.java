package io.hostdns.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The cache and the coalescer keep the {@link Resolver} contract, hits included. */
class CacheContractTest {

    @Nested
    class Caching extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return CachingResolver.builder(upstream.resolver()).build();
        }

        @Test
        void hit_isLazy_andEachSubscriptionLooksAgain() {
            AtomicInteger calls = new AtomicInteger();
            Query q = Query.of("lazy.example.", Type.A);
            CachingResolver cache = CachingResolver.builder(x -> Mono.fromCallable(() -> {
                calls.incrementAndGet();
                return TestAnswers.a(x, "192.0.2.1", 300);
            })).build();
            try {
                Mono<Answer> beforeStore = cache.resolve(q);
                StepVerifier.create(cache.resolve(q)).expectNextCount(1).verifyComplete();
                // Assembled before the answer was cached, subscribed after: it must see the cache now.
                StepVerifier.create(beforeStore).expectNextCount(1).verifyComplete();
                assertThat(calls).hasValue(1);
                assertThat(cache.stats().hits()).isEqualTo(1);
                Mono<Answer> unsubscribedHit = cache.resolve(q);
                assertThat(cache.stats().hits()).isEqualTo(1);
                StepVerifier.create(unsubscribedHit).expectNextCount(1).verifyComplete();
                assertThat(cache.stats().hits()).isEqualTo(2);
            } finally {
                cache.dispose();
            }
        }
    }

    @Test
    void hit_honoursBackpressureAndCancellation_forEverySubscriber() {
        Query q = Query.of("backpressure.example.", Type.A);
        CachingResolver cache = CachingResolver.builder(x -> Mono.just(TestAnswers.a(x, "192.0.2.2", 300))).build();
        try {
            StepVerifier.create(cache.resolve(q)).expectNextCount(1).verifyComplete();
            Mono<Answer> hit = cache.resolve(q);
            // First subscriber: the lookup delivers the answer itself, only when requested.
            StepVerifier.create(hit, 0).expectSubscription().expectNoEvent(java.time.Duration.ofMillis(10))
                    .thenRequest(1).expectNextCount(1).verifyComplete();
            // A second subscriber to the same Mono looks again and is served the ordinary way.
            StepVerifier.create(hit).expectNextCount(1).verifyComplete();
            StepVerifier.create(cache.resolve(q), 0).thenCancel().verify();
            StepVerifier.create(cache.resolve(q).map(Answer::rcode)).expectNext(0).verifyComplete();
        } finally {
            cache.dispose();
        }
    }

    @Nested
    class Coalescing extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return new CoalescingResolver(upstream.resolver());
        }
    }
}
