package io.hostdns.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class CoalescingResolverTest {

    private final Query query = Query.of("shared.example.", Type.A);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicReference<Sinks.One<Answer>> pending = new AtomicReference<>();
    /** Each call waits on a fresh sink the test completes by hand. */
    private final Resolver upstream = q -> Mono.defer(() -> {
        calls.incrementAndGet();
        Sinks.One<Answer> sink = Sinks.one();
        pending.set(sink);
        return sink.asMono().doOnCancel(cancels::incrementAndGet);
    });

    private void answer() {
        pending.get().tryEmitValue(Responses.a(query, 60, "192.0.2.1"));
    }

    /** Subscribes {@code count} times to {@code resolver.resolve(query)} from 8 threads at once. */
    private static List<AtomicReference<Answer>> subscribeConcurrently(Resolver resolver, Query query, int count)
            throws InterruptedException {
        List<AtomicReference<Answer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(new AtomicReference<>());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        int threadCount = 8;
        for (int t = 0; t < threadCount; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = first; i < count; i += threadCount) {
                    resolver.resolve(query).subscribe(results.get(i)::set);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        return results;
    }

    @Test
    void thousandConcurrentIdenticalMisses_makeExactlyOneUpstreamQuery() throws InterruptedException {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);

        List<AtomicReference<Answer>> results = subscribeConcurrently(coalescing, query, 1000);
        assertThat(calls).hasValue(1);
        answer();

        assertThat(results).allSatisfy(r -> assertThat(r.get()).isNotNull());
        assertThat(coalescing.coalescedQueries()).isEqualTo(999);
        assertThat(coalescing.inFlight()).isZero();
    }

    @Test
    void underACache_identicalMissesShareOneCall_andAreCounted() throws InterruptedException {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);
        CachingResolver cache = new TestClock().cache(coalescing, CacheOptions.DEFAULTS);

        List<AtomicReference<Answer>> results = subscribeConcurrently(cache, query, 1000);
        answer();

        assertThat(results).allSatisfy(r -> assertThat(r.get()).isNotNull());
        assertThat(calls).hasValue(1);
        assertThat(coalescing.coalescedQueries()).isEqualTo(999);
        assertThat(cache.stats().misses()).isEqualTo(1000);
        assertThat(cache.stats().size()).isEqualTo(1);
    }

    @Test
    void oneOfTwoCancelling_leavesTheCallRunningForTheOther() {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);
        Disposable first = coalescing.resolve(query).subscribe();

        StepVerifier.create(coalescing.resolve(query))
                .then(first::dispose)
                .then(() -> assertThat(cancels).hasValue(0))
                .then(this::answer)
                .expectNextCount(1)
                .verifyComplete();
        assertThat(calls).hasValue(1);
        assertThat(cancels).hasValue(0);
    }

    @Test
    void allCancelling_cancelsTheCall_andTheNextQueryStartsAfresh() {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);
        Disposable first = coalescing.resolve(query).subscribe();
        Disposable second = coalescing.resolve(query).subscribe();

        first.dispose();
        assertThat(cancels).hasValue(0);
        second.dispose();
        assertThat(cancels).hasValue(1);
        assertThat(coalescing.inFlight()).isZero();

        StepVerifier.create(coalescing.resolve(query))
                .then(this::answer)
                .expectNextCount(1)
                .verifyComplete();
        assertThat(calls).hasValue(2);
    }

    @Test
    void errors_areSharedByEveryJoinedSubscriber() {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        coalescing.resolve(query).subscribe(a -> { }, firstError::set);

        StepVerifier.create(coalescing.resolve(query))
                .then(() -> pending.get().tryEmitError(new DnsTimeoutException(null, Duration.ofSeconds(2))))
                .expectError(DnsTimeoutException.class)
                .verify();
        assertThat(firstError.get()).isInstanceOf(DnsTimeoutException.class);
        assertThat(calls).hasValue(1);
        assertThat(coalescing.inFlight()).isZero();
    }

    @Test
    void delegateThrowingInsteadOfReturningAMono_failsTheSubscriber_andLeavesNothingInFlight() {
        CoalescingResolver coalescing = new CoalescingResolver(q -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken delegate");
        });
        StepVerifier.create(coalescing.resolve(query)).expectError(IllegalStateException.class).verify();
        StepVerifier.create(coalescing.resolve(query)).expectError(IllegalStateException.class).verify();
        assertThat(calls).hasValue(2);
        assertThat(coalescing.inFlight()).isZero();
    }

    @Test
    void aQuestionAskedAfterTheCallEnded_startsANewCall() {
        CoalescingResolver coalescing = new CoalescingResolver(q -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return Responses.a(q, 60, "192.0.2.1");
        }));
        StepVerifier.create(coalescing.resolve(query)).expectNextCount(1).verifyComplete();
        StepVerifier.create(coalescing.resolve(query)).expectNextCount(1).verifyComplete();
        assertThat(calls).hasValue(2);
        assertThat(coalescing.coalescedQueries()).isZero();
    }

    @Test
    void differentQuestions_areNotCoalesced() {
        CoalescingResolver coalescing = new CoalescingResolver(upstream);
        coalescing.resolve(query).subscribe();
        coalescing.resolve(query.withDnssecOk(true)).subscribe();
        assertThat(calls).hasValue(2);
        assertThat(coalescing.inFlight()).isEqualTo(2);
    }
}
