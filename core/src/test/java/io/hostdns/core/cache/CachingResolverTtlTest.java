package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static io.hostdns.core.cache.Responses.ttls;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

class CachingResolverTtlTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong upstreamTtl = new AtomicLong(60);
    private final Resolver upstream = q -> Mono.fromSupplier(() -> {
        calls.incrementAndGet();
        return Responses.a(q, upstreamTtl.get(), "192.0.2.1", "192.0.2.2");
    });
    private final Query query = Query.of("www.example.", Type.A);
    /** Prefetch off: these tests count delegate calls of plain expiry. */
    private final CacheOptions options = CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED);

    @Test
    void hit_servesRemainingTtl_andExpiresAfterTtl() {
        CachingResolver cache = clock.cache(upstream, options);

        Answer first = single(cache.resolve(query));
        assertThat(first.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(ttls(first)).containsExactly(60, 60);

        clock.advance(Duration.ofMillis(10_500));
        Answer hit = single(cache.resolve(query));
        assertThat(ttls(hit)).containsExactly(50, 50);
        assertThat(hit.source()).isEqualTo(new AnswerSource(AnswerSource.Kind.CACHE, Responses.UPSTREAM));
        assertThat(hit.attempts()).isZero();
        assertThat(hit.id()).as("stored ID kept; callers patch their own").isEqualTo(first.id());

        clock.advance(Duration.ofMillis(49_400));
        assertThat(ttls(single(cache.resolve(query)))).containsExactly(1, 1);
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofMillis(100));
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
    }

    @Test
    void hit_servesTheSameAnswer_withinOneSecondOfRemainingTtl() {
        CachingResolver cache = clock.cache(upstream, options);
        single(cache.resolve(query));

        Answer a = single(cache.resolve(query));
        clock.advance(Duration.ofMillis(900));
        Answer b = single(cache.resolve(query));
        clock.advance(Duration.ofMillis(200));
        Answer c = single(cache.resolve(query));

        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(ttls(c)).containsExactly(59, 59);
    }

    @Test
    void hit_matchesKeyCaseInsensitively_andSeparatesTypeAndFlags() {
        CachingResolver cache = clock.cache(upstream, options);
        single(cache.resolve(query));

        single(cache.resolve(Query.of("WWW.Example.", Type.A).withUdpPayloadSize(4096)));
        assertThat(calls).hasValue(1);
        single(cache.resolve(query.withDnssecOk(true)));
        single(cache.resolve(query.withCheckingDisabled(true)));
        single(cache.resolve(Query.of("www.example.", Type.AAAA)));
        assertThat(calls).hasValue(4);
    }

    @Test
    void ttl_isRaisedToTheMinimumClamp() {
        upstreamTtl.set(1);
        CachingResolver cache = clock.cache(upstream, options);
        single(cache.resolve(query));

        clock.advanceSeconds(4);
        assertThat(ttls(single(cache.resolve(query)))).containsExactly(1, 1);
        clock.advanceSeconds(1);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @Test
    void ttl_isLoweredToTheMaximumClamp() {
        upstreamTtl.set(86_400);
        CachingResolver cache = clock.cache(upstream,
                options.withTtlRange(Duration.ofSeconds(5), Duration.ofSeconds(100)));
        single(cache.resolve(query));

        assertThat(ttls(single(cache.resolve(query)))).containsExactly(100, 100);
        clock.advanceSeconds(100);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @Test
    void ttlZero_isNotCached_whenTheMinimumClampIsZero() {
        upstreamTtl.set(0);
        CachingResolver cache = clock.cache(upstream,
                options.withTtlRange(Duration.ZERO, Duration.ofHours(1)));
        single(cache.resolve(query));
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void hit_echoesTheAskersSpellingOfTheName() {
        CachingResolver cache = clock.cache(upstream, options);
        single(cache.resolve(query));
        clock.advanceSeconds(1);

        Answer hit = single(cache.resolve(Query.of("WwW.ExAmPlE.", Type.A)));
        assertThat(hit.message().getQuestion().getName().toString()).isEqualTo("WwW.ExAmPlE.");
        assertThat(hit.message().getSection(org.xbill.DNS.Section.ANSWER)).hasSize(2)
                .allSatisfy(r -> assertThat(r.getName()).isEqualTo(query.name()));
    }

    @Test
    void hit_carriesAFreshOpt_onlyWhenTheAskerUsesEdns() {
        CachingResolver cache = clock.cache(upstream, options);
        single(cache.resolve(query));

        OPTRecord opt = single(cache.resolve(query.withDnssecOk(false))).message().getOPT();
        assertThat(opt.getPayloadSize()).isEqualTo(Query.DEFAULT_UDP_PAYLOAD_SIZE);
        assertThat(opt.getFlags() & ExtendedFlags.DO).isZero();
        assertThat(single(cache.resolve(query.withUdpPayloadSize(0))).message().getOPT()).isNull();
        assertThat(single(cache.resolve(query.withUdpPayloadSize(4096))).message().getOPT()).isNotNull();

        Query withDo = query.withDnssecOk(true);
        single(cache.resolve(withDo));
        assertThat(single(cache.resolve(withDo)).message().getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
        assertThat(calls).hasValue(2);
    }

    @Test
    void answerToAnotherQuestion_isNotCached() {
        Query other = Query.of("other.example.", Type.A);
        CachingResolver cache = clock.cache(q -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return Responses.a(other, 60, "192.0.2.1");
        }), options);
        single(cache.resolve(query));
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void miss_isLazy_untilSubscribed() {
        CachingResolver cache = clock.cache(upstream, options);
        Mono<Answer> pending = cache.resolve(query);
        assertThat(calls).hasValue(0);
        single(pending);
        assertThat(calls).hasValue(1);
    }
}
