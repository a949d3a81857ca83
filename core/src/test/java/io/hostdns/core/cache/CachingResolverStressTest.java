package io.hostdns.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Four threads hammer one cache over 500 names with a small bound, short TTLs, a virtual clock that
 * moves on every operation and an upstream that fails one call in ten: every operation must end with
 * the answer to exactly the question it asked (or the upstream's error), none lost.
 */
class CachingResolverStressTest {

    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 20_000;
    private static final int NAMES = 500;

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger upstreamCalls = new AtomicInteger();

    private static Query query(int i) {
        return Query.of("host" + i + ".example.", i % 3 == 0 ? Type.AAAA : Type.A);
    }

    private static String address(int i) {
        return "10.0." + (i / 256) + "." + (i % 256);
    }

    private final Resolver upstream = q -> Mono.defer(() -> {
        if (upstreamCalls.incrementAndGet() % 10 == 0) {
            return Mono.error(new DnsNetworkException(Responses.UPSTREAM, "flaky", null));
        }
        int i = Integer.parseInt(q.name().getLabelString(0).substring(4));
        // Every answer is an A record naming its question, whatever the type asked, so a mix-up shows.
        return Mono.just(Responses.a(q, 1 + i % 3, address(i)));
    });

    @Test
    void concurrentOperations_neverLoseOrMixUpAnswers() throws InterruptedException {
        CachingResolver cache = CachingResolver.builder(upstream)
                .options(CacheOptions.DEFAULTS.withMaximumEntries(200)
                        .withTtlRange(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3)))
                .ticker(nanos::get)
                .scheduler(VirtualTimeScheduler.create())
                .build();
        AtomicInteger started = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (int op = 0; op < OPS_PER_THREAD && System.nanoTime() < deadline; op++) {
                    nanos.addAndGet(100_000);
                    int i = ThreadLocalRandom.current().nextInt(NAMES);
                    Query asked = query(i);
                    started.incrementAndGet();
                    cache.resolve(asked).subscribe(
                            answer -> {
                                String problem = check(asked, i, answer);
                                if (problem != null) {
                                    problems.add(problem);
                                }
                                answers.incrementAndGet();
                            },
                            error -> {
                                if (!(error instanceof DnsException)) {
                                    problems.add(asked + ": unexpected " + error);
                                }
                                errors.incrementAndGet();
                            });
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
        }

        // The upstream answers synchronously, so once the threads are done every operation has ended.
        assertThat(problems).isEmpty();
        assertThat(started.get()).as("operations run before the time bound").isGreaterThan(THREADS * 1000);
        assertThat(answers.get() + errors.get()).isEqualTo(started.get());
        assertThat(errors.get()).isLessThan(answers.get() / 5);
        // Caffeine evicts in its maintenance, which may still be pending on another thread: run it now.
        cache.cleanUp();
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isPositive();
        assertThat(stats.misses()).isPositive();
        assertThat(stats.hits() + stats.misses()).isGreaterThanOrEqualTo(started.get());
        assertThat(stats.size()).isLessThanOrEqualTo(200);
    }

    private static @org.jspecify.annotations.Nullable String check(Query asked, int i, Answer answer) {
        Message m = answer.message();
        Record question = m.getQuestion();
        if (!asked.sameQuestion(question.getName(), question.getType(), question.getDClass())) {
            return asked + ": answered " + question;
        }
        List<Record> records = m.getSection(Section.ANSWER);
        if (records.size() != 1 || !(records.get(0) instanceof ARecord a)
                || !a.getAddress().getHostAddress().equals(address(i))) {
            return asked + ": wrong records " + records;
        }
        return null;
    }
}
