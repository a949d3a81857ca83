package io.hostdns.core.cache;

import static io.hostdns.core.cache.Responses.single;
import static io.hostdns.core.cache.Responses.ttls;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingResolverNegativeTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final Query query = Query.of("nothing.example.", Type.A);
    private final CacheOptions options = CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED)
            .withStale(CacheOptions.ServeStale.DISABLED);

    private CachingResolver cacheAnswering(Function<Query, Answer> response, CacheOptions opts) {
        Resolver upstream = q -> Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return response.apply(q);
        });
        return clock.cache(upstream, opts);
    }

    /** Resolves at 0 s and at {@code ttl - 1} s (both one call), then at {@code ttl} s (a second call). */
    private void assertCachedForSeconds(CachingResolver cache, long ttl) {
        single(cache.resolve(query));
        clock.advanceSeconds(ttl - 1);
        Answer hit = single(cache.resolve(query));
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(java.util.Arrays.stream(ttls(hit)).allMatch(t -> t == 1)).as("every TTL is the 1 s left").isTrue();
        assertThat(calls).hasValue(1);
        clock.advanceSeconds(1);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @Test
    void nxdomain_isCachedForTheSoaMinimum_clampedToTheNegativeRange() {
        // min(SOA TTL 3600, MINIMUM 7) = 7, inside [5, 10].
        assertCachedForSeconds(cacheAnswering(q -> Responses.negative(q, Rcode.NXDOMAIN, 3600, 7), options), 7);
    }

    @Test
    void nxdomain_usesTheSoaTtl_whenSmallerThanItsMinimum() {
        assertCachedForSeconds(cacheAnswering(q -> Responses.negative(q, Rcode.NXDOMAIN, 6, 900), options), 6);
    }

    @Test
    void nodata_isCachedFromTheSoa_clampedToTheNegativeMaximum() {
        CachingResolver cache = cacheAnswering(q -> Responses.negative(q, Rcode.NOERROR, 3600, 3600), options);
        assertCachedForSeconds(cache, 10);
    }

    @Test
    void negativeTtl_isRaisedToTheNegativeMinimum() {
        assertCachedForSeconds(cacheAnswering(q -> Responses.negative(q, Rcode.NXDOMAIN, 3600, 1), options), 5);
    }

    @Test
    void negativeRange_isConfigurable() {
        CacheOptions wide = options.withNegative(CacheOptions.Negative.DEFAULTS
                .withTtlRange(Duration.ofSeconds(1), Duration.ofSeconds(300)));
        assertCachedForSeconds(cacheAnswering(q -> Responses.negative(q, Rcode.NOERROR, 3600, 120), wide), 120);
    }

    @Test
    void negativeWithoutSoa_isCachedForTheDefault() {
        CacheOptions opts = options.withNegative(CacheOptions.Negative.DEFAULTS.withDefaultTtl(Duration.ofSeconds(3)));
        assertCachedForSeconds(cacheAnswering(q -> Responses.rcode(q, Rcode.NXDOMAIN), opts), 3);
    }

    @Test
    void nodataWithoutSoa_isCachedForTheDefaultOfFiveSeconds() {
        assertCachedForSeconds(cacheAnswering(q -> Responses.rcode(q, Rcode.NOERROR), options), 5);
    }

    @Test
    void servfail_isCachedForFiveSeconds() {
        assertCachedForSeconds(cacheAnswering(q -> Responses.rcode(q, Rcode.SERVFAIL), options), 5);
    }

    @Test
    void servfail_isNotCached_whenItsTtlIsZero() {
        CacheOptions opts = options.withNegative(CacheOptions.Negative.DEFAULTS.withServfailTtl(Duration.ZERO));
        CachingResolver cache = cacheAnswering(q -> Responses.rcode(q, Rcode.SERVFAIL), opts);
        assertThat(single(cache.resolve(query)).rcode()).isEqualTo(Rcode.SERVFAIL);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {Rcode.REFUSED, Rcode.FORMERR, Rcode.NOTIMP})
    void errorRcodes_areNeverCached(int rcode) {
        CachingResolver cache = cacheAnswering(q -> Responses.rcode(q, rcode), options);
        assertThat(single(cache.resolve(query)).rcode()).isEqualTo(rcode);
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void truncatedAnswers_areNeverCached() {
        CachingResolver cache = cacheAnswering(Responses::truncated, options);
        assertThat(single(cache.resolve(query)).truncated()).isTrue();
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }

    @Test
    void errors_areNeverCached_andPassThrough() {
        Resolver failing = q -> Mono.defer(() -> {
            calls.incrementAndGet();
            return Mono.error(new DnsTimeoutException(Responses.UPSTREAM, Duration.ofSeconds(2)));
        });
        CachingResolver cache = clock.cache(failing, CacheOptions.DEFAULTS);
        StepVerifier.create(cache.resolve(query)).expectError(DnsTimeoutException.class).verify();
        StepVerifier.create(cache.resolve(query)).expectError(DnsTimeoutException.class).verify();
        assertThat(calls).hasValue(2);
        assertThat(cache.stats().size()).isZero();
    }

    /** A SERVFAIL whose OPT record carries the Extended DNS Error {@code code} and {@code text}, as a validator answers. */
    private static Answer servfailWithError(Query q, int code, String text) {
        org.xbill.DNS.Message m = Responses.response(q, Rcode.SERVFAIL);
        m.removeRecord(m.getOPT(), org.xbill.DNS.Section.ADDITIONAL);
        m.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, 0,
                java.util.List.of(new org.xbill.DNS.ExtendedErrorCodeOption(code, text))), org.xbill.DNS.Section.ADDITIONAL);
        return Answer.of(m, Responses.FROM_UPSTREAM);
    }

    private static org.xbill.DNS.ExtendedErrorCodeOption error(Answer answer) {
        org.xbill.DNS.OPTRecord opt = answer.message().getOPT();
        assertThat(opt).as("an OPT record").isNotNull();
        return (org.xbill.DNS.ExtendedErrorCodeOption) opt.getOptions(org.xbill.DNS.EDNSOption.Code.EDNS_EXTENDED_ERROR).get(0);
    }

    @Test
    void servfailHit_keepsItsExtendedDnsError() {
        CachingResolver cache = cacheAnswering(q -> servfailWithError(q, org.xbill.DNS.ExtendedErrorCodeOption.DNSSEC_BOGUS,
                "RRSIG does not verify"), options);

        single(cache.resolve(query));
        Answer hit = single(cache.resolve(query));

        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(hit.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(error(hit).getErrorCode()).isEqualTo(org.xbill.DNS.ExtendedErrorCodeOption.DNSSEC_BOGUS);
        assertThat(error(hit).getText()).isEqualTo("RRSIG does not verify");
        assertThat(calls).hasValue(1);
    }

    @Test
    void dnssecFailure_isCachedForTheBogusTtl_andOtherServfailsForTheServfailTtl() {
        CacheOptions opts = options.withNegative(CacheOptions.Negative.DEFAULTS
                .withServfailTtl(Duration.ofSeconds(30)).withBogusTtl(Duration.ofSeconds(2)));
        assertCachedForSeconds(cacheAnswering(q -> servfailWithError(q,
                org.xbill.DNS.ExtendedErrorCodeOption.SIGNATURE_EXPIRED, "expired"), opts), 2);
        calls.set(0);
        CachingResolver other = cacheAnswering(q -> servfailWithError(q,
                org.xbill.DNS.ExtendedErrorCodeOption.NETWORK_ERROR, "upstream unreachable"), opts);
        clock.advanceSeconds(100);
        assertCachedForSeconds(other, 30);
    }

    @Test
    void dnssecFailure_isNotCached_whenTheBogusTtlIsZero() {
        CacheOptions opts = options.withNegative(CacheOptions.Negative.DEFAULTS.withBogusTtl(Duration.ZERO));
        CachingResolver cache = cacheAnswering(q -> servfailWithError(q,
                org.xbill.DNS.ExtendedErrorCodeOption.DNSSEC_BOGUS, "bogus"), opts);
        single(cache.resolve(query));
        single(cache.resolve(query));
        assertThat(calls).hasValue(2);
    }
}
