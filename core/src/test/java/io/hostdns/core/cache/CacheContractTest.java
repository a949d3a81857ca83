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

    @Nested
    class Coalescing extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return new CoalescingResolver(upstream.resolver());
        }
    }
}
