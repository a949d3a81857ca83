package io.hostdns.examples;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class RaceWithFallbackExampleTest {

    private static final Query QUESTION = Query.of("svc.example", Type.A);
    private final DnsResources resources = DnsResources.create("race-test", 1);
    private final UpstreamFactory factory = UpstreamFactory.create(resources);

    @AfterEach
    void close() {
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    private Resolver chain(FakeDnsServer a, FakeDnsServer b, FakeDnsServer c, Duration deadline) {
        return RaceWithFallbackExample.raceThenFallback(factory.create(0, "127.0.0.1:" + a.port()),
                factory.create(1, "127.0.0.1:" + b.port()), factory.create(2, "127.0.0.1:" + c.port()), deadline);
    }

    private static String address(Answer answer) {
        return answer.message().getSection(Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void race_takesTheFasterOfTheTwo_andNeverAsksTheFallback() {
        try (FakeDnsServer slow = FakeDnsServer.start(FakeDnsHandler.always(
                FakeReply.delay(Duration.ofMillis(400), aFor("192.0.2.1"))));
             FakeDnsServer fast = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.2")));
             FakeDnsServer fallback = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.3")))) {
            StepVerifier.create(chain(slow, fast, fallback, Duration.ofSeconds(2)).resolve(QUESTION))
                    .assertNext(a -> assertThat(address(a)).isEqualTo("192.0.2.2"))
                    .verifyComplete();
            // The race cancels the slow attempt once the fast answer is in: on a loaded machine that can happen
            // before the slow query left the socket, so it was asked at most once, never retried.
            assertThat(slow.requests()).hasSizeLessThanOrEqualTo(1);
            assertThat(fallback.requests()).isEmpty();
        }
    }

    @Test
    void fallback_isAsked_whenBothRacedUpstreamsFailOrServfail() {
        try (FakeDnsServer servfail = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.servfail()));
             FakeDnsServer refused = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.refused()));
             FakeDnsServer fallback = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.3")))) {
            StepVerifier.create(chain(servfail, refused, fallback, Duration.ofSeconds(2)).resolve(QUESTION))
                    .assertNext(a -> assertThat(address(a)).isEqualTo("192.0.2.3"))
                    .verifyComplete();
            assertThat(fallback.requests()).hasSize(1);
        }
    }

    @Test
    void deadline_endsTheWholeChain_withATimeout() {
        try (FakeDnsServer a = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
             FakeDnsServer b = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
             FakeDnsServer c = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()))) {
            StepVerifier.create(chain(a, b, c, Duration.ofMillis(300)).resolve(QUESTION))
                    .expectError(DnsTimeoutException.class)
                    .verify(Duration.ofSeconds(3));
        }
    }
}
