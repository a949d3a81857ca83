package io.hostdns.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.TestAnswers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.test.StepVerifier;

/** Parallel search with glibc's choice, in virtual time where timing matters. */
class SearchResolverTest {

    private static final SearchList LIST = SearchList.of(List.of("a.example", "b.example", "c.example"), 1);

    /** A delegate scripted per candidate name: a reply function and a delay; records who was asked/cancelled. */
    private static final class Script implements Resolver {
        final Map<String, Function<Query, Answer>> replies = new ConcurrentHashMap<>();
        final Map<String, Duration> delays = new ConcurrentHashMap<>();
        final Set<String> asked = ConcurrentHashMap.newKeySet();
        final Set<String> cancelled = ConcurrentHashMap.newKeySet();

        Script reply(String name, Duration delay, Function<Query, Answer> reply) {
            replies.put(name, reply);
            delays.put(name, delay);
            return this;
        }

        @Override
        public Mono<Answer> resolve(Query query) {
            String name = query.name().toString();
            asked.add(name);
            Function<Query, Answer> reply = replies.getOrDefault(name, q -> TestAnswers.nxdomain(q, 60, 60));
            return Mono.delay(delays.getOrDefault(name, Duration.ofMillis(10)))
                    .map(t -> reply.apply(query))
                    .doFinally(signal -> {
                        if (signal == SignalType.CANCEL) {
                            cancelled.add(name);
                        }
                    });
        }
    }

    private static Function<Query, Answer> address(String ip) {
        return q -> TestAnswers.a(q, ip, 60);
    }

    @Test
    void positiveOnSecondSuffix_whileFirstIsSlow_waitsForFirstToBeNegative() {
        Script script = new Script()
                .reply("web.a.example.", Duration.ofSeconds(3), q -> TestAnswers.nxdomain(q, 60, 60))
                .reply("web.b.example.", Duration.ofMillis(5), address("192.0.2.2"))
                .reply("web.c.example.", Duration.ofSeconds(5), address("192.0.2.3"))
                .reply("web.", Duration.ofSeconds(5), address("192.0.2.4"));
        SearchResolver resolver = new SearchResolver(script, LIST);
        StepVerifier.withVirtualTime(() -> resolver.search("web", Type.A))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2_999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(found -> {
                    assertThat(found.name()).hasToString("web.b.example.");
                    assertThat(found.positive()).isTrue();
                    assertThat(Query.from(found.answer().message()).name()).hasToString("web.b.example.");
                })
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(script.asked).contains("web.a.example.", "web.b.example.", "web.c.example.", "web.");
        assertThat(script.cancelled).contains("web.c.example.", "web.");
    }

    @Test
    void positiveOnFirstSuffix_winsAtOnce_andCancelsTheRest() {
        Script script = new Script()
                .reply("web.a.example.", Duration.ofMillis(5), address("192.0.2.1"))
                .reply("web.b.example.", Duration.ofMillis(1), address("192.0.2.2"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("web", Type.A))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(found -> assertThat(found.name()).hasToString("web.a.example."))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(script.cancelled).contains("web.c.example.", "web.").doesNotContain("web.b.example.");
    }

    @Test
    void candidatesRunInParallel_soSearchCostsTheSlowestNotTheSum() {
        Script script = new Script()
                .reply("web.a.example.", Duration.ofSeconds(1), q -> TestAnswers.nxdomain(q, 60, 60))
                .reply("web.b.example.", Duration.ofSeconds(1), q -> TestAnswers.nxdomain(q, 60, 60))
                .reply("web.c.example.", Duration.ofSeconds(1), q -> TestAnswers.nxdomain(q, 60, 60))
                .reply("web.", Duration.ofSeconds(1), address("192.0.2.9"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("web", Type.A))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(found -> assertThat(found.name()).hasToString("web."))
                .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void dottedNameWithNdots1_asIsPositive_isChosenBeforeAnySuffix() {
        Script script = new Script()
                .reply("www.example.org.", Duration.ofMillis(50), address("192.0.2.5"))
                .reply("www.example.org.a.example.", Duration.ofMillis(1), address("192.0.2.6"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("www.example.org", Type.A))
                .thenAwait(Duration.ofMillis(50))
                .assertNext(found -> assertThat(found.name()).hasToString("www.example.org."))
                .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void noPositive_dottedNameTriedAsIsFirst_reportsTheAsIsAnswer() {
        Script script = new Script()
                .reply("x.y.a.example.", Duration.ofMillis(1), q -> TestAnswers.rcode(q, Rcode.NOERROR));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("x.y", Type.A))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(found -> {
                    assertThat(found.name()).hasToString("x.y.");
                    assertThat(found.answer().rcode()).isEqualTo(Rcode.NXDOMAIN);
                    assertThat(found.positive()).isFalse();
                })
                .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void noPositive_singleLabel_reportsNodataBeforeServfailBeforeTheAsIsNxdomain() {
        Script nodata = new Script()
                .reply("web.a.example.", Duration.ofMillis(1), q -> TestAnswers.rcode(q, Rcode.SERVFAIL))
                .reply("web.b.example.", Duration.ofMillis(1), q -> TestAnswers.rcode(q, Rcode.NOERROR));
        StepVerifier.withVirtualTime(() -> new SearchResolver(nodata, LIST).search("web", Type.A))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(found -> assertThat(found.name()).hasToString("web.b.example."))
                .expectComplete().verify(Duration.ofSeconds(5));
        Script servfail = new Script()
                .reply("web.b.example.", Duration.ofMillis(1), q -> TestAnswers.rcode(q, Rcode.SERVFAIL));
        StepVerifier.withVirtualTime(() -> new SearchResolver(servfail, LIST).search("web", Type.A))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(found -> assertThat(found.answer().rcode()).isEqualTo(Rcode.SERVFAIL))
                .expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.withVirtualTime(() -> new SearchResolver(new Script(), LIST).search("web", Type.A))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(found -> {
                    assertThat(found.name()).hasToString("web.");
                    assertThat(found.answer().rcode()).isEqualTo(Rcode.NXDOMAIN);
                })
                .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void refusedOnAnEarlierCandidate_endsTheSearch_likeGlibc() {
        Script script = new Script()
                .reply("web.a.example.", Duration.ofMillis(5), q -> TestAnswers.rcode(q, Rcode.REFUSED))
                .reply("web.b.example.", Duration.ofMillis(1), address("192.0.2.2"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("web", Type.A))
                .thenAwait(Duration.ofMillis(5))
                .assertNext(found -> assertThat(found.answer().rcode()).isEqualTo(Rcode.REFUSED))
                .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void timeoutOnAnEarlierCandidate_isTheResult_andLaterPositivesAreNotUsed() {
        Script script = new Script().reply("web.b.example.", Duration.ofMillis(1), address("192.0.2.2"));
        Resolver failing = q -> q.name().toString().equals("web.a.example.")
                ? Mono.delay(Duration.ofSeconds(2)).then(Mono.error(new DnsTimeoutException(TestAnswers.UPSTREAM,
                        Duration.ofSeconds(2))))
                : script.resolve(q);
        StepVerifier.withVirtualTime(() -> new SearchResolver(failing, LIST).search("web", Type.A))
                .thenAwait(Duration.ofSeconds(2))
                .expectError(DnsTimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void trailingDot_asksOnlyTheAbsoluteName() {
        Script script = new Script().reply("web.", Duration.ofMillis(1), address("192.0.2.3"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, LIST).search("web.", Type.A))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(found -> assertThat(found.candidates()).extracting(Name::toString).containsExactly("web."))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(script.asked).containsExactly("web.");
    }

    @Test
    void ndots5_kubernetesExternalName_resolvesAsIsAfterThreeParallelNxdomains() {
        SearchList k8s = SearchList.of(List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), 5);
        Script script = new Script().reply("api.github.com.", Duration.ofMillis(30), address("192.0.2.44"));
        StepVerifier.withVirtualTime(() -> new SearchResolver(script, k8s).search("api.github.com", Type.A))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(29))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(found -> assertThat(found.name()).hasToString("api.github.com."))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(script.asked).hasSize(4);
    }

    @Test
    void invalidName_failsWithIllegalArgument() {
        StepVerifier.create(new SearchResolver(new Script(), LIST).search("bad..name", Type.A))
                .expectError(IllegalArgumentException.class)
                .verify(Duration.ofSeconds(5));
    }
}
