package io.hostdns.core;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.failing;
import static io.hostdns.core.upstream.Fakes.fake;
import static io.hostdns.core.upstream.Fakes.answer;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.upstream.Fakes.Fake;
import io.hostdns.core.upstream.UpstreamGroup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The facade with its defaults: timers on Schedulers.parallel(), which withVirtualTime replaces. */
class ResolversTest {

    private static Fake delayed(int i, int rcode, long millis) {
        return fake(i, q -> Mono.delay(Duration.ofMillis(millis)).map(t -> answer(i, rcode)));
    }

    @Test
    void race_fromTheFacade_picksTheFastest() {
        StepVerifier.withVirtualTime(() -> Resolvers.race(delayed(0, Rcode.NOERROR, 50).upstream,
                        delayed(1, Rcode.NOERROR, 20).upstream).resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .assertNext(a -> assertThat(a.source().upstream()).isEqualTo(id(1)))
                .verifyComplete();
    }

    @Test
    void hedge_fromTheFacade_startsTheSecondAfterTheDelay() {
        StepVerifier.withVirtualTime(() -> Resolvers.hedge(Duration.ofMillis(30),
                        silent(0).upstream, delayed(1, Rcode.NOERROR, 10).upstream).resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(40))
                .assertNext(a -> assertThat(a.elapsed()).isEqualTo(Duration.ofMillis(40)))
                .verifyComplete();
    }

    @Test
    void fallbackUnderDeadline_fromTheFacade_composes() {
        StepVerifier.withVirtualTime(() -> Resolvers.withDeadline(Resolvers.fallback(
                        Resolvers.withAttemptTimeout(silent(0).upstream, Duration.ofSeconds(2)),
                        failing(1, new DnsNetworkException(id(1), "reset", null)).upstream,
                        answering(2, Rcode.NXDOMAIN).upstream)).resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2))
                .assertNext(a -> {
                    assertThat(a.rcode()).isEqualTo(Rcode.NXDOMAIN);
                    assertThat(a.attempts()).isEqualTo(3);
                })
                .verifyComplete();
    }

    @Test
    void fallbackOverARace_fromTheFacade_fallsBackWhenBothRacersFail_andCancelsNothingItDidNotStart() {
        Fake first = failing(0, new DnsNetworkException(id(0), "reset", null));
        Fake second = fake(1, q -> Mono.just(answer(1, Rcode.SERVFAIL)));
        Fake third = delayed(2, Rcode.NOERROR, 10);
        Resolver chain = Resolvers.fallback(Resolvers.race(first.upstream, second.upstream), third.upstream);

        StepVerifier.withVirtualTime(() -> chain.resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .assertNext(a -> {
                    assertThat(a.source().upstream()).isEqualTo(id(2));
                    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
                })
                .verifyComplete();
        assertThat(first.calls).hasValue(1);
        assertThat(second.calls).hasValue(1);
        assertThat(third.calls).hasValue(1);
    }

    @Test
    void fallbackOverARace_fromTheFacade_keepsTheRaceWinner_withoutAskingTheFallback() {
        Fake third = answering(2, Rcode.NOERROR);
        Resolver chain = Resolvers.fallback(Resolvers.race(delayed(0, Rcode.NOERROR, 30).upstream,
                delayed(1, Rcode.NOERROR, 5).upstream), third.upstream);

        StepVerifier.withVirtualTime(() -> chain.resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(5))
                .assertNext(a -> assertThat(a.source().upstream()).isEqualTo(id(1)))
                .verifyComplete();
        assertThat(third.calls).hasValue(0);
    }

    @Test
    void combinators_takePlainResolvers_andAnAttemptTimeoutOverOneNamesNoUpstream() {
        Resolver plainSilent = q -> Mono.never();
        Resolver plainAnswering = q -> Mono.just(answer(7, Rcode.NOERROR));

        StepVerifier.withVirtualTime(() -> Resolvers.hedge(Duration.ofMillis(50),
                        Resolvers.withAttemptTimeout(plainSilent, Duration.ofMillis(20)), plainAnswering).resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .assertNext(a -> {
                    assertThat(a.source().upstream()).isEqualTo(id(7));
                    assertThat(a.attempts()).isEqualTo(2);
                })
                .verifyComplete();
        StepVerifier.withVirtualTime(() -> Resolvers.withAttemptTimeout(plainSilent, Duration.ofMillis(20))
                        .resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsTimeoutException.class)
                        .hasMessage("no response within 20 ms")
                        .extracting(t -> ((DnsTimeoutException) t).upstream()).isNull())
                .verify();
    }

    @Test
    void withAttemptTimeout_overAnUpstream_staysAnUpstream_namedInItsTimeout() {
        Upstream bounded = Resolvers.withAttemptTimeout(silent(3).upstream, Duration.ofMillis(20));

        assertThat(bounded.id()).isEqualTo(id(3));
        StepVerifier.withVirtualTime(() -> bounded.resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .expectErrorSatisfies(e -> assertThat(((DnsTimeoutException) e).upstream()).isEqualTo(id(3)))
                .verify();
    }

    @Test
    void withDeadline_fromTheFacade_defaultsTo4500ms() {
        StepVerifier.withVirtualTime(() -> Resolvers.withDeadline(silent(0).upstream.resolver()).resolve(QUERY))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4500))
                .expectError(DnsTimeoutException.class)
                .verify();
    }

    @Test
    void group_onRealSchedulers_tracksHealthOffTheTestThread_withoutBlocking() {
        // Timers, health records and status emission run on parallel threads, where BlockHound watches.
        Fake dead = failing(0, new DnsUnreachableException(id(0), "network is unreachable", null));
        Fake slowish = delayed(1, Rcode.NOERROR, 5);
        UpstreamGroup group = Resolvers.group().upstreams(dead.upstream, slowish.upstream).build();
        try {
            StepVerifier.create(group.resolve(QUERY))
                    .assertNext(a -> assertThat(a.source().upstream()).isEqualTo(id(1)))
                    .verifyComplete();
            StepVerifier.create(group.resolve(QUERY))
                    .assertNext(a -> assertThat(a.attempts()).isEqualTo(1))
                    .verifyComplete();
            assertThat(group.status().get(1).rttMean()).isNotNull();
            assertThat(dead.calls).hasValue(1);
        } finally {
            group.dispose();
        }
    }

    @Test
    void group_fromTheFacade_isAnUpstreamGroupBuilder() {
        UpstreamGroup group = Resolvers.group().upstreams(answering(0, Rcode.NOERROR).upstream).build();
        try {
            assertThat(group.upstreams()).containsExactly(id(0));
        } finally {
            group.dispose();
        }
    }

    @Test
    void dnssecValidating_fromTheFacade_asksWithDoAndCd_andAnswersTheVerdict() throws Exception {
        io.hostdns.core.dnssec.SignedZone zone = io.hostdns.core.dnssec.SignedZone.create("facade.test");
        zone.add(new org.xbill.DNS.ARecord(zone.name("www"), org.xbill.DNS.DClass.IN, 300,
                java.net.InetAddress.getByName("192.0.2.1")));
        java.util.List<Query> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Resolver upstream = q -> Mono.fromCallable(() -> {
            asked.add(q);
            return zone.answer(q);
        });

        Answer answer = Resolvers.dnssecValidating(upstream, zone.anchor())
                .resolve(Query.of(zone.name("www"), org.xbill.DNS.Type.A)).block(Duration.ofSeconds(5));

        assertThat(answer.message().getHeader().getFlag(org.xbill.DNS.Flags.AD)).isTrue();
        assertThat(asked).isNotEmpty().allSatisfy(q -> {
            assertThat(q.dnssecOk()).isTrue();
            assertThat(q.checkingDisabled()).isTrue();
        });
    }
}
