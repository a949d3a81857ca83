package io.hostdns.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.cache.CoalescingResolver;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Cache and coalescer counters as meters, read from the live stats. */
class CacheMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final Ticker ticker = () -> scheduler.now(TimeUnit.NANOSECONDS);

    private double count(String name) {
        return registry.get(name).tag("cache", "test").functionCounter().count();
    }

    private static Answer single(Mono<Answer> answer) {
        return answer.block(Duration.ofSeconds(5));
    }

    @Test
    void hitsMissesStaleAndSize_areReadFromTheCacheStats() {
        AtomicBoolean failing = new AtomicBoolean();
        CachingResolver cache = CachingResolver.builder(q -> failing.get()
                        ? Mono.error(new DnsNetworkException(TestAnswers.UPSTREAM, "unreachable", null))
                        : Mono.just(TestAnswers.a(q, "192.0.2.1", 60)))
                .options(CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED))
                .ticker(ticker).scheduler(scheduler).executor(Runnable::run).build();
        try {
            HostDnsMetrics.cache(cache, Tag.of("cache", "test")).bindTo(registry);
            Query a = Query.of("a.example", Type.A);
            single(cache.resolve(a));
            single(cache.resolve(a));
            single(cache.resolve(Query.of("b.example", Type.A)));
            scheduler.advanceTimeBy(Duration.ofSeconds(61));
            failing.set(true);
            single(cache.resolve(a));

            assertThat(count("hostdns.cache.hits")).isEqualTo(1);
            assertThat(count("hostdns.cache.misses")).isEqualTo(3);
            assertThat(count("hostdns.cache.stale")).isEqualTo(1);
            assertThat(count("hostdns.cache.prefetches")).isZero();
            assertThat(count("hostdns.cache.evictions")).isEqualTo(cache.stats().evictions());
            assertThat(count("hostdns.cache.refresh.failures")).isEqualTo(cache.stats().refreshFailures());
            assertThat(registry.get("hostdns.cache.size").tag("cache", "test").gauge().value()).isEqualTo(2);
        } finally {
            cache.dispose();
        }
    }

    @Test
    void coalescer_countsQueriesThatJoinedOneInFlight() {
        Sinks.One<Answer> pending = Sinks.one();
        CoalescingResolver coalescer = new CoalescingResolver(q -> pending.asMono());
        HostDnsMetrics.coalescing(coalescer, Tag.of("cache", "test")).bindTo(registry);
        Query q = Query.of("same.example", Type.A);
        var first = coalescer.resolve(q).subscribe();
        var second = coalescer.resolve(q).subscribe();
        var third = coalescer.resolve(q).subscribe();
        assertThat(count("hostdns.coalesced.queries")).isEqualTo(2);
        assertThat(registry.get("hostdns.coalesced.inflight").tag("cache", "test").gauge().value()).isEqualTo(1);
        pending.tryEmitValue(TestAnswers.a(q, "192.0.2.1", 60));
        assertThat(registry.get("hostdns.coalesced.inflight").tag("cache", "test").gauge().value()).isZero();
        first.dispose();
        second.dispose();
        third.dispose();
    }
}
