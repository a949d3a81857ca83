package io.hostdns.transport.https;

import static io.hostdns.transport.https.DohFixture.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.transport.testing.DohExchange;
import io.hostdns.transport.testing.DohHandler;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.TlsServerIdentity;
import io.hostdns.transport.tls.TlsTrust;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class DohResolverTest {

    private final DohFixture fixture = new DohFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void post_roundTripsOverHttp2_withIdZeroAndDnsMessageMediaType() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()));

        StepVerifier.create(resolver.resolve(Query.of("www.example.org", Type.A)))
                .assertNext(answer -> assertAnswersA(answer, resolver))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        DohExchange seen = server.exchanges().get(0);
        assertThat(seen.protocol()).isEqualTo("HTTP/2.0");
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.uri()).isEqualTo("/dns-query");
        assertThat(seen.queryId()).isZero();
        assertThat(seen.contentType()).isEqualTo("application/dns-message");
        assertThat(seen.accept()).isEqualTo("application/dns-message");
        assertThat(seen.query().getQuestion().getName().toString()).isEqualTo("www.example.org.");
    }

    @Test
    void get_roundTripsOverHttp2_withDnsParameterInBase64UrlWithoutPadding() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()).method(DohResolver.Method.GET));

        StepVerifier.create(resolver.resolve(Query.of("www.example.org", Type.A)))
                .assertNext(answer -> assertAnswersA(answer, resolver))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        DohExchange seen = server.exchanges().get(0);
        assertThat(seen.protocol()).isEqualTo("HTTP/2.0");
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.uri()).startsWith("/dns-query?dns=");
        String parameter = seen.uri().substring("/dns-query?dns=".length());
        assertThat(parameter).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(parameter)).isEqualTo(seen.dnsQuery());
        assertThat(seen.queryId()).isZero();
        assertThat(seen.accept()).isEqualTo("application/dns-message");
    }

    @Test
    void bootstrap_connectsToGivenAddress_withHostNameForSniHostHeaderAndCertificate() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()));

        StepVerifier.create(resolver.resolve(Query.of("a.example", Type.A)))
                .assertNext(answer -> assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        assertThat(fixture.identity.serverNamesSeen()).containsExactly(HOST);
        assertThat(server.exchanges().get(0).host()).isEqualTo(HOST + ":" + server.port());
        assertThat(server.exchanges().get(0).client().getAddress()).isEqualTo(DohFixture.LOOPBACK);
    }

    @Test
    void ipLiteralUrl_needsNoBootstrap_andVerifiesTheCertificateForTheAddress() {
        TlsServerIdentity ipIdentity = new TlsServerIdentity(fixture.authority.issueServerForIp("127.0.0.1"));
        try (FakeDohServer server = FakeDohServer.start(ipIdentity, DohFixture.answeringA())) {
            DohResolver resolver = fixture.resolver(DohResolver.builder("https://127.0.0.1:" + server.port())
                    .trust(TlsTrust.certificates(fixture.authority.rootCertificate()))
                    .timeout(Duration.ofSeconds(5))
                    .resources(fixture.resources));

            StepVerifier.create(resolver.resolve(Query.of("a.example", Type.A)))
                    .assertNext(answer -> assertAnswersA(answer, resolver))
                    .expectComplete()
                    .verify(DohFixture.VERIFY_TIMEOUT);

            assertThat(server.exchanges().get(0).uri()).isEqualTo("/dns-query");
            assertThat(ipIdentity.serverNamesSeen()).isEmpty();
        }
    }

    @Test
    void build_refusesHostName_withoutBootstrapAddress() {
        DohResolver.Builder noBootstrap = DohResolver.builder("https://" + HOST + "/dns-query")
                .resources(fixture.resources);

        assertThatThrownBy(noBootstrap::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bootstrap").hasMessageContaining(HOST);
    }

    @Test
    void queries_shareOneConnection_sequentialAndConcurrent() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()));

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(resolver.resolve(Query.of("seq" + i + ".example", Type.A)))
                    .expectNextCount(1).expectComplete().verify(DohFixture.VERIFY_TIMEOUT);
        }
        StepVerifier.create(Flux.range(0, 8).flatMap(i -> resolver.resolve(Query.of("par" + i + ".example", Type.A))))
                .expectNextCount(8)
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        assertThat(server.exchanges()).hasSize(11);
        assertThat(server.connectionsSeen()).isEqualTo(1);
        assertThat(fixture.identity.serverNamesSeen()).hasSize(1);
    }

    @Test
    void cancelledQuery_leavesConnectionUsable_forTheNextQuery() {
        DohHandler slowForOne = exchange -> exchange.query().getQuestion().getName().toString().startsWith("slow.")
                ? Mono.never() : DohFixture.answeringA().handle(exchange);
        FakeDohServer server = fixture.server(slowForOne);
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()));

        StepVerifier.create(resolver.resolve(Query.of("slow.example", Type.A)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(500))
                .thenCancel()
                .verify(DohFixture.VERIFY_TIMEOUT);
        StepVerifier.create(resolver.resolve(Query.of("fast.example", Type.A)))
                .assertNext(answer -> assertAnswersA(answer, resolver))
                .expectComplete()
                .verify(DohFixture.VERIFY_TIMEOUT);

        assertThat(server.exchanges()).last().satisfies(e -> assertThat(e.query().getQuestion().getName().toString())
                .isEqualTo("fast.example."));
        assertThat(server.connectionsSeen()).isEqualTo(1);
    }

    @Test
    void http11Fallback_roundTrips_whenServerOffersOnlyHttp11() {
        FakeDohServer server = FakeDohServer.startHttp11Only(fixture.identity, DohFixture.answeringA());
        try (server) {
            DohResolver resolver = fixture.resolver(fixture.builder(server.port()).http11Fallback(true));

            StepVerifier.create(resolver.resolve(Query.of("old.example", Type.A)))
                    .assertNext(answer -> assertAnswersA(answer, resolver))
                    .expectComplete()
                    .verify(DohFixture.VERIFY_TIMEOUT);

            assertThat(server.exchanges().get(0).protocol()).isEqualTo("HTTP/1.1");
            assertThat(server.exchanges().get(0).queryId()).isZero();
        }
    }

    @Test
    void http2Only_failsFastWithNetworkError_whenServerOffersOnlyHttp11() {
        FakeDohServer server = FakeDohServer.startHttp11Only(fixture.identity, DohFixture.answeringA());
        try (server) {
            DohResolver resolver = fixture.resolver(fixture.builder(server.port()).timeout(Duration.ofSeconds(30)));

            StepVerifier.create(resolver.resolve(Query.of("old.example", Type.A)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                            .isNotInstanceOf(DnsTimeoutException.class))
                    .verify(DohFixture.VERIFY_TIMEOUT);

            assertThat(server.exchanges()).isEmpty();
        }
    }

    private static void assertAnswersA(Answer answer, DohResolver resolver) {
        assertThat(answer.source()).isEqualTo(AnswerSource.upstream(resolver.id()));
        assertThat(answer.id()).isZero();
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        List<org.xbill.DNS.Record> records = answer.message().getSection(Section.ANSWER);
        assertThat(records).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(DohFixture.ANSWER_ADDRESS));
    }
}
