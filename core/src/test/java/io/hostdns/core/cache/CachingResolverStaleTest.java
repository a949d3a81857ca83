package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static io.hostdns.core.cache.Responses.ttls;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingResolverStaleTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Function<Query, Mono<Answer>>> behaviour =
            new AtomicReference<>(q -> Mono.just(Responses.a(q, 60, "192.0.2.1")));
    private final Query query = Query.of("stale.example.", Type.A);
    private final CacheOptions options = CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED);

    private CachingResolver cache(CacheOptions opts) {
        return clock.cache(q -> Mono.defer(() -> {
            calls.incrementAndGet();
            return behaviour.get().apply(q);
        }), opts);
    }

    private void upstreamFails() {
        behaviour.set(q -> Mono.error(new DnsNetworkException(Responses.UPSTREAM, "connection refused", null)));
    }

    private void upstreamAnswers(String address) {
        behaviour.set(q -> Mono.just(Responses.a(q, 60, address)));
    }

    private static List<Integer> edeCodes(Answer answer) {
        return answer.message().getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
                .map(o -> ((ExtendedErrorCodeOption) o).getErrorCode()).toList();
    }

    @Test
    void stale_isServedWithEde3AndTtl30_whenUpstreamFails_andRefreshedAfterwards() {
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        upstreamFails();

        Answer stale = single(cache.resolve(query));
        assertThat(stale.source()).isEqualTo(new AnswerSource(AnswerSource.Kind.STALE, Responses.UPSTREAM));
        assertThat(stale.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ttls(stale)).containsExactly(30);
        assertThat(edeCodes(stale)).containsExactly(ExtendedErrorCode.STALE_ANSWER);
        assertThat(stale.message().getQuestion().getName()).isEqualTo(query.name());
        assertThat(calls).hasValue(2);

        // Within the failure recheck interval the upstream is not asked again.
        clock.advanceSeconds(29);
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        assertThat(calls).hasValue(2);

        clock.advanceSeconds(1);
        upstreamAnswers("192.0.2.99");
        Answer fresh = single(cache.resolve(query));
        assertThat(fresh.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        Answer hit = single(cache.resolve(query));
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(hit.message().getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString())
                .isEqualTo("192.0.2.99");
        assertThat(cache.stats()).extracting(CacheStats::staleServed, CacheStats::refreshFailures)
                .containsExactly(2L, 1L);
    }

    @Test
    void staleAnswer_toAnAskerWithoutEdns_carriesNoOpt() {
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        upstreamFails();

        Answer stale = single(cache.resolve(query.withUdpPayloadSize(0)));
        assertThat(stale.source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        assertThat(stale.message().getOPT()).isNull();
        assertThat(ttls(stale)).containsExactly(30);
    }

    @Test
    void staleNxdomain_carriesEde19() {
        behaviour.set(q -> Mono.just(Responses.negative(q, Rcode.NXDOMAIN, 3600, 10)));
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(11);
        upstreamFails();

        Answer stale = single(cache.resolve(query));
        assertThat(stale.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(edeCodes(stale)).containsExactly(ExtendedErrorCode.STALE_NXDOMAIN_ANSWER);
        assertThat(ttls(stale)).containsExactly(30);
    }

    @Test
    void stale_isServedAfterStaleAnswerTimeout_whenUpstreamIsSlow_andTheLateAnswerRefreshes() {
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        behaviour.set(q -> Mono.delay(Duration.ofSeconds(5), clock.scheduler)
                .map(tick -> Responses.a(q, 60, "192.0.2.50")));

        AtomicReference<Answer> got = new AtomicReference<>();
        Disposable subscription = cache.resolve(query).subscribe(got::set);
        clock.advance(Duration.ofMillis(1799));
        assertThat(got.get()).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(got.get().source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        assertThat(subscription.isDisposed()).isTrue();

        clock.advance(Duration.ofMillis(3200));
        Answer hit = single(cache.resolve(query));
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(hit.message().getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString())
                .isEqualTo("192.0.2.50");
        assertThat(calls).hasValue(2);
    }

    @Test
    void freshAnswer_winsOverStale_whenUpstreamAnswersWithinTheTimeout() {
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        behaviour.set(q -> Mono.delay(Duration.ofSeconds(1), clock.scheduler)
                .map(tick -> Responses.a(q, 60, "192.0.2.51")));

        StepVerifier.create(cache.resolve(query))
                .then(() -> clock.advanceSeconds(1))
                .assertNext(a -> assertThat(a.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM))
                .verifyComplete();
        assertThat(cache.stats().staleServed()).isZero();
    }

    @Test
    void zeroTimeout_servesStaleAtOnce_andRefreshesInBackground() {
        CachingResolver cache = cache(options.withStale(CacheOptions.ServeStale.DEFAULTS.withAnswerTimeout(Duration.ZERO)));
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        upstreamAnswers("192.0.2.77");

        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        Answer hit = single(cache.resolve(query));
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(hit.message().getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString())
                .isEqualTo("192.0.2.77");
    }

    @Test
    void servfailFromUpstream_servesStale_andKeepsTheStaleEntry() {
        CachingResolver cache = cache(options);
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        behaviour.set(q -> Mono.just(Responses.rcode(q, Rcode.SERVFAIL)));

        Answer stale = single(cache.resolve(query));
        assertThat(stale.source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        assertThat(stale.rcode()).isEqualTo(Rcode.NOERROR);
        clock.advanceSeconds(31);
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.STALE);
    }

    @Test
    void maxStaleAge_isHonoured() {
        CachingResolver cache = cache(options.withStale(CacheOptions.ServeStale.DEFAULTS.withMaxStaleAge(Duration.ofSeconds(100))));
        single(cache.resolve(query));
        upstreamFails();
        clock.advanceSeconds(60 + 99);
        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.STALE);

        clock.advanceSeconds(1);
        StepVerifier.create(cache.resolve(query)).expectError(DnsNetworkException.class).verify();
        cache.cleanUp();
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void disabledServeStale_letsTheErrorThrough_andDropsEntriesAtExpiry() {
        CachingResolver cache = cache(options.withStale(CacheOptions.ServeStale.DISABLED));
        single(cache.resolve(query));
        clock.advanceSeconds(60);
        upstreamFails();
        StepVerifier.create(cache.resolve(query)).expectError(DnsNetworkException.class).verify();
        cache.cleanUp();
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void dispose_cancelsTheBackgroundRefresh() {
        CachingResolver cache = cache(options.withStale(CacheOptions.ServeStale.DEFAULTS.withAnswerTimeout(Duration.ZERO)));
        single(cache.resolve(query));
        clock.advanceSeconds(61);
        AtomicBoolean cancelled = new AtomicBoolean();
        behaviour.set(q -> Mono.<Answer>never().doOnCancel(() -> cancelled.set(true)));

        assertThat(single(cache.resolve(query)).source().kind()).isEqualTo(AnswerSource.Kind.STALE);
        assertThat(cache.runningRefreshes()).isEqualTo(1);
        cache.dispose();
        assertThat(cancelled).isTrue();
        assertThat(cache.runningRefreshes()).isZero();
        assertThat(cache.isDisposed()).isTrue();
    }

    /** The RFC 8914 codes, named here so the assertions read as the RFC does. */
    private static final class ExtendedErrorCode {
        static final int STALE_ANSWER = 3;
        static final int STALE_NXDOMAIN_ANSWER = 19;
    }
}
