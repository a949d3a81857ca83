package io.hostdns.core.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The verdicts of {@link ValidatingResolver} on answers signed in memory by {@link SignedZone}. */
class ValidatingResolverTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SignedZone zone = SignedZone.create("signed.test");
    private final Query wwwA;
    private final Query wwwAaaa;
    private final List<Query> asked = new CopyOnWriteArrayList<>();

    ValidatingResolverTest() throws Exception {
        zone.add(new ARecord(zone.name("www"), DClass.IN, 300, InetAddress.getByName("192.0.2.1")))
                .add(new AAAARecord(zone.name("www"), DClass.IN, 300, InetAddress.getByName("2001:db8::1")));
        wwwA = Query.of(zone.name("www"), Type.A).withDnssecOk(true);
        wwwAaaa = Query.of(zone.name("www"), Type.AAAA).withDnssecOk(true);
    }

    @Nested
    class Contract extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return ValidatingResolver.over(upstream.resolver(), zone.anchor());
        }
    }

    /** An upstream that records what it is asked and answers with {@code script}. */
    private Resolver upstream(Function<Query, Answer> script) {
        return q -> Mono.fromCallable(() -> {
            asked.add(q);
            return script.apply(q);
        });
    }

    /** The signed zone, with {@code www A} answered by {@code wwwAnswer} instead. */
    private Resolver zoneWith(Function<Query, Answer> wwwAnswer) {
        return upstream(q -> q.sameQuestion(wwwA.name(), Type.A, DClass.IN) ? wwwAnswer.apply(q) : zone.answer(q));
    }

    private Answer resolve(Resolver upstream, Query query) {
        return ValidatingResolver.over(upstream, zone.anchor()).resolve(query).block(WAIT);
    }

    @Test
    void signedAnswer_isSecure_withAdAndItsSignatures_whenAskedWithDo() {
        Answer answer = resolve(upstream(zone::answer), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(answer)).isTrue();
        assertThat(Verdicts.types(answer)).contains(Type.A, Type.RRSIG);
        assertThat(answer.message().getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isNotZero();
        assertThat(asked).allSatisfy(q -> {
            assertThat(q.dnssecOk()).as("DO upstream").isTrue();
            assertThat(q.checkingDisabled()).as("CD upstream").isTrue();
        });
        assertThat(asked).extracting(Query::type).containsExactly(Type.A, Type.DNSKEY);
    }

    @Test
    void secureAnswer_toAQueryWithoutDo_keepsAd_butLosesTheDnssecRecords() {
        Answer answer = resolve(upstream(zone::answer), wwwA.withDnssecOk(false));

        assertThat(Verdicts.authenticated(answer)).isTrue();
        assertThat(Verdicts.types(answer)).containsExactly(Type.A, Type.OPT);
        assertThat(answer.message().getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isZero();
        assertThat(asked.get(0).dnssecOk()).as("the upstream is asked with DO all the same").isTrue();
    }

    @Test
    void signedNxdomain_andNodata_withNsecProofs_areSecure() {
        Resolver upstream = upstream(zone::answer);
        Answer nxdomain = resolve(upstream, Query.of(zone.name("nope"), Type.A).withDnssecOk(true));
        Answer nodata = resolve(upstream, Query.of(zone.name("www"), Type.TXT).withDnssecOk(true));

        assertThat(nxdomain.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(Verdicts.authenticated(nxdomain)).isTrue();
        assertThat(Verdicts.types(nxdomain)).contains(Type.NSEC, Type.SOA);
        assertThat(nodata.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(nodata)).isTrue();
    }

    @Test
    void brokenSignature_isBogus_servfailWithEde6() {
        Answer answer = resolve(zoneWith(q -> SignedZone.withBrokenSignatures(zone.answer(q))), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.authenticated(answer)).isFalse();
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
        assertThat(Verdicts.edeText(answer)).contains("www.signed.test");
        assertThat(Verdicts.types(answer)).as("no data of a bogus answer").containsExactly(Type.OPT);
    }

    @Test
    void expiredSignature_isBogus_servfailWithEde7() {
        Instant now = Instant.now();
        Answer answer = resolve(zoneWith(q -> zone.answer(q, now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(3)))), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.SIGNATURE_EXPIRED);
    }

    @Test
    void signatureNotYetValid_isBogus_servfailWithEde8() {
        Instant now = Instant.now();
        Answer answer = resolve(zoneWith(q -> zone.answer(q, now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3)))), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID);
    }

    @Test
    void missingSignature_isBogus_servfailWithEde10() {
        Answer answer = resolve(zoneWith(q -> SignedZone.withoutSignatures(zone.answer(q))), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.RRSIGS_MISSING);
    }

    @Test
    void missingDnskey_isBogus_servfailWithEde9() {
        Resolver upstream = upstream(q -> q.type() == Type.DNSKEY ? TestAnswers.rcode(q, Rcode.NOERROR) : zone.answer(q));

        Answer answer = resolve(upstream, wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.DNSKEY_MISSING);
    }

    @Test
    void failedKeyQuery_isIndeterminate_servfailWithEde5NamingTheFailure() {
        Resolver upstream = q -> q.type() == Type.DNSKEY
                ? Mono.error(new DnsTimeoutException(TestAnswers.UPSTREAM, Duration.ofSeconds(2)))
                : Mono.just(zone.answer(q));

        Answer answer = resolve(upstream, wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_INDETERMINATE);
        assertThat(Verdicts.edeText(answer)).contains("the DNSKEY query for signed.test. failed")
                .contains(TestAnswers.UPSTREAM.toString());
    }

    @Test
    void failedKeyQuery_forAnNxdomain_isIndeterminate_notInsecure() {
        Resolver upstream = q -> q.type() == Type.DNSKEY
                ? Mono.error(new DnsTimeoutException(TestAnswers.UPSTREAM, Duration.ofSeconds(2)))
                : Mono.just(zone.answer(q));

        Answer answer = resolve(upstream, Query.of(zone.name("nope"), Type.A).withDnssecOk(true));

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).isEqualTo(ExtendedErrorCodeOption.DNSSEC_INDETERMINATE);
    }

    @Test
    void checkingDisabled_passesTheUpstreamAnswerUnvalidated_withoutAskingForKeys() {
        Answer broken = SignedZone.withBrokenSignatures(zone.answer(wwwA.withCheckingDisabled(true)));

        Answer answer = resolve(upstream(q -> broken), wwwA.withCheckingDisabled(true));

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.wireBytes()).isEqualTo(broken.wireBytes());
        assertThat(asked).containsExactly(wwwA.withCheckingDisabled(true));
    }

    @Test
    void nameUnderANegativeTrustAnchor_isInsecure_evenWhenItsSignaturesAreBroken() {
        ValidatingResolver resolver = ValidatingResolver.over(
                zoneWith(q -> SignedZone.withBrokenSignatures(zone.answer(q))),
                zone.anchor().withNegativeTrustAnchors(List.of(zone.name("www"))));

        Answer answer = resolver.resolve(wwwA).block(WAIT);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(answer)).isFalse();
        assertThat(asked).extracting(Query::type).containsExactly(Type.A);
    }

    @Test
    void nameUnderNoTrustAnchor_isInsecure_andItsAdFromUpstreamIsCleared() {
        Query other = Query.of("www.unsigned.example.", Type.A).withDnssecOk(true);
        Resolver upstream = upstream(q -> {
            org.xbill.DNS.Message m = TestAnswers.a(q, "192.0.2.9", 60).message();
            m.getHeader().setFlag(org.xbill.DNS.Flags.AD);
            return Answer.of(m, AnswerSource.upstream(TestAnswers.UPSTREAM));
        });

        Answer answer = resolve(upstream, other);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Verdicts.authenticated(answer)).isFalse();
    }

    @Test
    void upstreamServfail_passesWithAdClear_withoutAskingForKeys() {
        Answer answer = resolve(upstream(q -> TestAnswers.rcode(q, Rcode.SERVFAIL)), wwwA);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Verdicts.edeCode(answer)).as("not a DNSSEC verdict").isEqualTo(-1);
        assertThat(asked).hasSize(1);
    }

    @Test
    void validatedKeys_areCached_aSecondNameInTheZoneCostsOneUpstreamQuery() {
        ValidatingResolver resolver = ValidatingResolver.over(upstream(zone::answer), zone.anchor());

        resolver.resolve(wwwA).block(WAIT);
        asked.clear();
        Answer aaaa = resolver.resolve(wwwAaaa).block(WAIT);

        assertThat(Verdicts.authenticated(aaaa)).isTrue();
        assertThat(asked).extracting(Query::type).containsExactly(Type.AAAA);
    }

    @Test
    void answer_keepsTheUpstreamSourceAndAttempts() {
        Answer answer = resolve(q -> Mono.just(zone.answer(q).withAttempts(2)), wwwA);

        assertThat(answer.source()).isEqualTo(AnswerSource.upstream(TestAnswers.UPSTREAM));
        assertThat(answer.attempts()).isEqualTo(2);
    }

    @Test
    void cancellation_whileAKeyQueryIsInFlight_cancelsTheKeyQuery() {
        java.util.concurrent.atomic.AtomicBoolean keyQueryCancelled = new java.util.concurrent.atomic.AtomicBoolean();
        reactor.test.publisher.TestPublisher<Answer> keyAnswer = reactor.test.publisher.TestPublisher.create();
        Resolver upstream = q -> q.type() == Type.DNSKEY
                ? keyAnswer.mono().doOnCancel(() -> keyQueryCancelled.set(true))
                : Mono.just(zone.answer(q));

        StepVerifier.create(ValidatingResolver.over(upstream, zone.anchor()).resolve(wwwA))
                .then(() -> keyAnswer.assertSubscribers(1))
                .thenCancel()
                .verify(WAIT);

        assertThat(keyQueryCancelled).isTrue();
        keyAnswer.assertNoSubscribers();
    }

    @Test
    void validation_onANonBlockingThread_neverBlocks_secureBogusAndNegative() {
        Query nope = Query.of(zone.name("nope"), Type.A).withDnssecOk(true);
        Query bad = Query.of(zone.name("www"), Type.AAAA).withDnssecOk(true);
        java.util.Map<String, Answer> prebuilt = new java.util.HashMap<>();
        for (Query q : List.of(wwwA, nope, Query.of(zone.origin(), Type.DNSKEY))) {
            prebuilt.put(q.name() + "/" + q.type(), zone.answer(q));
        }
        prebuilt.put(bad.name() + "/" + bad.type(), SignedZone.withBrokenSignatures(zone.answer(bad)));
        Resolver upstream = q -> Mono.fromCallable(() -> prebuilt.get(q.name() + "/" + q.type()))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel());
        ValidatingResolver resolver = ValidatingResolver.over(upstream, zone.anchor());

        StepVerifier.create(reactor.core.publisher.Flux.concat(resolver.resolve(bad), resolver.resolve(wwwA),
                        resolver.resolve(nope)).map(a -> a.rcode() + "/" + Verdicts.authenticated(a)))
                .expectNext("2/false", "0/true", "3/true")
                .expectComplete()
                .verify(WAIT);
    }
}
