package io.hostdns.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A cache above the validator keeps the verdict: the stored bytes carry AD (secure) or SERVFAIL (bogus),
 * hits keep it (a bogus one its extended DNS error), bogus answers live only as long as the cache keeps a DNSSEC
 * failure (its bogusTtl, 5 s by default).
 */
class ValidatedCachingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SignedZone zone = SignedZone.create("cached.test");
    private final AtomicLong nanos = new AtomicLong();
    private final List<Query> asked = new CopyOnWriteArrayList<>();
    private final Query good;
    private final Query bad;
    private final CachingResolver cache;

    ValidatedCachingTest() throws Exception {
        zone.add(new ARecord(zone.name("good"), DClass.IN, 300, InetAddress.getByName("192.0.2.1")))
                .add(new ARecord(zone.name("bad"), DClass.IN, 300, InetAddress.getByName("192.0.2.2")));
        good = Query.of(zone.name("good"), Type.A).withDnssecOk(true);
        bad = Query.of(zone.name("bad"), Type.A).withDnssecOk(true);
        Resolver upstream = q -> Mono.fromCallable(() -> {
            asked.add(q);
            Answer answer = zone.answer(q);
            return q.name().equals(bad.name()) ? SignedZone.withBrokenSignatures(answer) : answer;
        });
        cache = CachingResolver.builder(ValidatingResolver.over(upstream, zone.anchor()))
                .ticker(nanos::get)
                .scheduler(VirtualTimeScheduler.create())
                .build();
    }

    @AfterEach
    void disposeCache() {
        cache.dispose();
    }

    private Answer resolve(Query query) {
        return cache.resolve(query).block(WAIT);
    }

    @Test
    void secureAnswer_isCachedWithItsAdBit_andItsSignaturesForDo() {
        Answer miss = resolve(good);
        Answer hit = resolve(good);

        assertThat(miss.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(Verdicts.authenticated(hit)).isTrue();
        assertThat(Verdicts.types(hit)).contains(Type.A, Type.RRSIG);
        assertThat(asked).extracting(Query::type).containsExactly(Type.A, Type.DNSKEY);
    }

    @Test
    void askersWithAndWithoutDo_getSeparateEntries_withAndWithoutSignatures() {
        resolve(good);
        Answer withoutDo = resolve(good.withDnssecOk(false));
        Answer withoutDoHit = resolve(good.withDnssecOk(false));

        assertThat(withoutDoHit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(Verdicts.authenticated(withoutDo)).isTrue();
        assertThat(Verdicts.authenticated(withoutDoHit)).isTrue();
        assertThat(Verdicts.types(withoutDoHit)).doesNotContain(Type.RRSIG);
    }

    @Test
    void bogusAnswer_isCachedAsServfailForFiveSeconds_thenAskedAgain() {
        Answer first = resolve(bad);
        Answer hit = resolve(bad);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_900));
        Answer stillCached = resolve(bad);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        Answer again = resolve(bad);

        assertThat(first.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(first)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
        assertThat(hit.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(hit.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(Verdicts.edeCode(hit)).as("the cached failure still says why").isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
        assertThat(Verdicts.edeText(hit)).isEqualTo(Verdicts.edeText(first));
        assertThat(Verdicts.authenticated(hit)).isFalse();
        assertThat(stillCached.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(again.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(asked).filteredOn(q -> q.type() == Type.A).hasSize(2);
    }
}
