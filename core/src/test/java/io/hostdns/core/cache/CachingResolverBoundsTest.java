package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

class CachingResolverBoundsTest {

    private final TestClock clock = new TestClock();
    private final Map<Query, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Query wwwA = Query.of("www.example.", Type.A);
    private final Query wwwAaaa = Query.of("www.example.", Type.AAAA);
    private final Query wwwADo = wwwA.withDnssecOk(true);
    private final Query otherA = Query.of("other.example.", Type.A);

    private CachingResolver cache(CacheOptions options) {
        return clock.cache(q -> Mono.fromSupplier(() -> {
            calls.computeIfAbsent(q, k -> new AtomicInteger()).incrementAndGet();
            return Responses.a(q, 300, "192.0.2.1");
        }), options.withPrefetch(CacheOptions.Prefetch.DISABLED));
    }

    private int callsFor(Query q) {
        AtomicInteger n = calls.get(q);
        return n == null ? 0 : n.get();
    }

    private static Query name(int i) {
        return Query.of("host" + i + ".example.", Type.A);
    }

    @Test
    void entryBound_evictsBeyondTheMaximum() {
        CachingResolver cache = cache(CacheOptions.DEFAULTS.withMaximumEntries(100));
        for (int i = 0; i < 150; i++) {
            single(cache.resolve(name(i)));
        }
        cache.cleanUp();
        assertThat(cache.stats().size()).isEqualTo(100);
        assertThat(cache.stats().evictions()).isEqualTo(50);
    }

    @Test
    void weightBound_evictsBeyondTheEstimatedBytes() {
        // host<i>.example. A responses weigh 282-285 estimated bytes each: 240 + name + response
        // without its question and OPT (header 12, A record 16).
        CachingResolver cache = cache(CacheOptions.DEFAULTS.withMaximumWeightBytes(30_000));
        for (int i = 0; i < 300; i++) {
            single(cache.resolve(name(i)));
        }
        cache.cleanUp();
        assertThat(cache.stats().size()).isBetween(30_000L / 285 - 2, 30_000L / 282);
        assertThat(cache.stats().evictions()).isEqualTo(300 - cache.stats().size());
    }

    @Test
    void invalidateByName_removesEveryTypeAndFlagOfThatName() {
        CachingResolver cache = cache(CacheOptions.DEFAULTS);
        for (Query q : new Query[] {wwwA, wwwAaaa, wwwADo, otherA}) {
            single(cache.resolve(q));
        }

        cache.invalidate(Name.fromConstantString("WWW.example."));

        for (Query q : new Query[] {wwwA, wwwAaaa, wwwADo, otherA}) {
            single(cache.resolve(q));
        }
        assertThat(callsFor(wwwA)).isEqualTo(2);
        assertThat(callsFor(wwwAaaa)).isEqualTo(2);
        assertThat(callsFor(wwwADo)).isEqualTo(2);
        assertThat(callsFor(otherA)).isEqualTo(1);
        assertThat(cache.stats().evictions()).isZero();
    }

    @Test
    void invalidateByNameAndType_removesOnlyThatType() {
        CachingResolver cache = cache(CacheOptions.DEFAULTS);
        for (Query q : new Query[] {wwwA, wwwAaaa, wwwADo, otherA}) {
            single(cache.resolve(q));
        }

        cache.invalidate(Name.fromConstantString("www.example."), Type.A);

        assertThat(single(cache.resolve(wwwAaaa)).source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(single(cache.resolve(otherA)).source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(single(cache.resolve(wwwA)).source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(single(cache.resolve(wwwADo)).source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
    }

    @Test
    void invalidateAll_emptiesTheCache() {
        CachingResolver cache = cache(CacheOptions.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            single(cache.resolve(name(i)));
        }
        cache.invalidateAll();
        cache.cleanUp();
        assertThat(cache.stats().size()).isZero();
        assertThat(single(cache.resolve(name(3))).source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
    }
}
