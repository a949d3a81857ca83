package io.hostdns.transport.https;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** DoH against {@link FakeDnsServer} scripts: the DNS-level faults every transport is tested with. */
class DohScriptedFaultTest {

    private final DohFixture fixture = new DohFixture();
    private FakeDnsServer dns;
    private FakeDohServer doh;

    @AfterEach
    void close() {
        fixture.close();
        if (doh != null) {
            doh.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void servfail_isAnAnswer_andTheScriptSeesAnHttpsRequestWithIdZero() {
        DohResolver resolver = resolverPlaying(FakeReply.servfail());

        StepVerifier.create(resolver.resolve(Query.of("broken.example", Type.A)))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        assertThat(dns.requests()).singleElement().satisfies(request -> {
            assertThat(request.protocol()).isEqualTo(Protocol.HTTPS);
            assertThat(request.id()).isZero();
        });
    }

    @Test
    void delayedAnswer_arrives() {
        DohResolver resolver = resolverPlaying(FakeReply.delay(Duration.ofMillis(200), Responses.aFor("192.0.2.9")));

        StepVerifier.create(resolver.resolve(Query.of("slow.example", Type.A)))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);
    }

    @Test
    void wrongId_failsAsMalformed() {
        DohResolver resolver = resolverPlaying(FakeReply.wrongId(Responses.aFor("192.0.2.9")));

        StepVerifier.create(resolver.resolve(Query.of("forged.example", Type.A)))
                .expectError(MalformedResponseException.class)
                .verify(DohFixture.VERIFY_TIMEOUT);
    }

    @Test
    void closedConnection_failsWithNetworkError_andTheNextQueryStillWorks() {
        DohResolver resolver = resolverPlaying(request -> request.name().startsWith("close.")
                ? FakeReply.closeConnection() : Responses.aFor("192.0.2.9"));

        StepVerifier.create(resolver.resolve(Query.of("close.example", Type.A)))
                .expectError(DnsNetworkException.class)
                .verify(DohFixture.VERIFY_TIMEOUT);
        StepVerifier.create(resolver.resolve(Query.of("fine.example", Type.A)))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);
        assertThat(dns.requests()).extracting(FakeRequest::name).containsExactly("close.example.", "fine.example.");
    }

    @Test
    void manyQueriesInFlight_areAllAnswered_overFewConnections() {
        DohResolver resolver = resolverPlaying(FakeReply.delay(Duration.ofMillis(50), Responses.aFor("192.0.2.9")));

        StepVerifier.create(Flux.range(0, 150)
                        .flatMap(i -> resolver.resolve(Query.of("q" + i + ".example", Type.A)), 150))
                .expectNextCount(150)
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        assertThat(dns.requests()).hasSize(150);
        assertThat(doh.connectionsSeen()).isBetween(1L, 4L);
    }

    private DohResolver resolverPlaying(FakeReply reply) {
        return resolverPlaying(FakeDnsHandler.always(reply));
    }

    private DohResolver resolverPlaying(FakeDnsHandler script) {
        dns = FakeDnsServer.start(script);
        doh = FakeDohServer.startFor(fixture.identity, dns);
        return fixture.resolver(fixture.builder(doh.port()));
    }
}
