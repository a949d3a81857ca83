package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class CachingResolverPrefetchTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Function<Query, Mono<Answer>>> behaviour =
            new AtomicReference<>(q -> Mono.just(Responses.a(q, 60, "192.0.2.1")));
    private final Query query = Query.of("hot.example.", Type.A);

    private CachingResolver cache(CacheOptions.Prefetch prefetch) {
        return clock.cache(q -> Mono.defer(() -> {
            calls.incrementAndGet();
            return behaviour.get().apply(q);
        }), CacheOptions.DEFAULTS.withPrefetch(prefetch));
    }

    @Test
    void concurrentHitsInTheWindow_startExactlyOneRefresh() throws InterruptedException {
        CachingResolver cache = cache(CacheOptions.Prefetch.DEFAULTS);
        single(cache.resolve(query));
        Sinks.One<Answer> refreshed = Sinks.one();
        behaviour.set(q -> refreshed.asMono());
        clock.advance(Duration.ofMillis(53_999));
        single(cache.resolve(query));
        assertThat(calls).as("just before 54 s of 60: outside the last 10 %").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger cacheAnswers = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    cache.resolve(query).subscribe(a -> {
                        if (a.source().kind() == AnswerSource.Kind.CACHE) {
                            cacheAnswers.incrementAndGet();
                        }
                    });
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(cacheAnswers).hasValue(4000);
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().prefetches()).isEqualTo(1);

        refreshed.tryEmitValue(Responses.a(query, 60, "192.0.2.2"));
        clock.advanceSeconds(30);
        Answer hit = single(cache.resolve(query));
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(hit.message().getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void prefetch_waitsForTheMinimumHitCount() {
        CachingResolver cache = cache(new CacheOptions.Prefetch(10, 3));
        single(cache.resolve(query));
        clock.advanceSeconds(10);
        single(cache.resolve(query));
        clock.advanceSeconds(45);
        single(cache.resolve(query));
        assertThat(calls).as("second hit, in the window").hasValue(1);
        single(cache.resolve(query));
        assertThat(calls).as("third hit, in the window").hasValue(2);
        assertThat(cache.stats().prefetches()).isEqualTo(1);
    }

    @Test
    void thresholdPercent_setsTheWindow() {
        CachingResolver cache = cache(new CacheOptions.Prefetch(50, 1));
        single(cache.resolve(query));
        clock.advanceSeconds(29);
        single(cache.resolve(query));
        assertThat(calls).hasValue(1);
        clock.advanceSeconds(1);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @Test
    void failedPrefetch_isCounted_andTheEntryKeepsServing() {
        CachingResolver cache = cache(CacheOptions.Prefetch.DEFAULTS);
        single(cache.resolve(query));
        behaviour.set(q -> Mono.error(new DnsTimeoutException(Responses.UPSTREAM, Duration.ofSeconds(2))));
        clock.advanceSeconds(58);

        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(calls).as("one prefetch per entry, even after it failed").hasValue(2);
        assertThat(cache.stats()).extracting(CacheStats::prefetches, CacheStats::refreshFailures)
                .containsExactly(1L, 1L);
    }

    @Test
    void disabledPrefetch_neverRefreshesAhead() {
        CachingResolver cache = cache(CacheOptions.Prefetch.DISABLED);
        single(cache.resolve(query));
        clock.advanceSeconds(59);
        single(cache.resolve(query));
        assertThat(calls).hasValue(1);
        assertThat(cache.stats().prefetches()).isZero();
    }
}
