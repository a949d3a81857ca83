package io.hostdns.transport.https;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.transport.testing.DohHandler;
import io.hostdns.transport.testing.DohReply;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.tls.TlsTrust;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class DohResolverErrorTest {

    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    private final DohFixture fixture = new DohFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 415, 500})
    void httpErrorStatus_failsWithStatusException_namingStatusAndUpstream(int status) {
        DohResolver resolver = resolverFor(exchange -> Mono.just(DohReply.status(status)));

        expectError(resolver, e -> {
            assertThat(e).isInstanceOf(DohResolver.StatusException.class).hasMessageContaining("HTTP status " + status);
            assertThat(((DohResolver.StatusException) e).status()).isEqualTo(status);
            assertThat(((DohResolver.StatusException) e).upstream()).isEqualTo(resolver.id());
        });
    }

    @Test
    void wrongContentType_failsAsMalformed() {
        DohResolver resolver = resolverFor(exchange -> DohFixture.answeringA().handle(exchange)
                .map(good -> new DohReply(200, "text/html", good.body())));

        expectError(resolver, e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("text/html"));
    }

    @Test
    void nonZeroResponseId_failsAsMalformed() {
        DohResolver resolver = resolverFor(exchange -> {
            Message response = DohReply.responseTo(exchange.query());
            response.getHeader().setID(4242);
            return Mono.just(DohReply.dns(response));
        });

        expectError(resolver, e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("4242"));
    }

    @Test
    void responseToAnotherQuestion_failsAsMalformed() {
        DohResolver resolver = resolverFor(exchange -> {
            Message other = new Message(0);
            other.getHeader().setFlag(Flags.QR);
            other.addRecord(Record.newRecord(Name.fromConstantString("other.example."), Type.A, 1), Section.QUESTION);
            return Mono.just(DohReply.dns(other));
        });

        expectError(resolver, e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("another question"));
    }

    @Test
    void emptyBody_failsAsMalformed() {
        DohResolver resolver = resolverFor(exchange -> Mono.just(new DohReply(200, DohReply.DNS_MESSAGE, new byte[0])));

        expectError(resolver, e -> assertThat(e).isInstanceOf(MalformedResponseException.class));
    }

    @Test
    void bodyLargerThanAnyDnsMessage_failsAsMalformed_beforeBeingRead() {
        DohResolver resolver = resolverFor(exchange -> Mono.just(new DohReply(200, DohReply.DNS_MESSAGE,
                new byte[70_000])));

        expectError(resolver, e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("Content-Length 70000"));
    }

    @Test
    void connectionRefused_failsAtOnceWithNetworkError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, DohFixture.LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }
        DohResolver resolver = fixture.resolver(fixture.builder(closedPort).timeout(LONG_TIMEOUT));

        expectError(resolver, e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                .hasMessageContaining("refused"));
    }

    @Test
    void untrustedCertificate_failsWithNetworkError_beforeAnyRequest() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        TestCertificates stranger = TestCertificates.newAuthority("someone else's CA");
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()).timeout(LONG_TIMEOUT)
                .trust(TlsTrust.certificates(stranger.rootCertificate())));

        expectError(resolver, e -> assertThat(e).isInstanceOf(DnsNetworkException.class).hasMessageContaining("TLS"));
        assertThat(server.exchanges()).isEmpty();
    }

    @Test
    void certificateForAnotherName_failsWithNetworkError_beforeAnyRequest() {
        FakeDohServer server = fixture.server(DohFixture.answeringA());
        DohResolver resolver = fixture.resolver(
                DohResolver.builder("https://other.hostdns.test:" + server.port() + "/dns-query")
                        .bootstrap(DohFixture.LOOPBACK)
                        .trust(TlsTrust.certificates(fixture.authority.rootCertificate()))
                        .timeout(LONG_TIMEOUT)
                        .resources(fixture.resources));

        expectError(resolver, e -> assertThat(e).isInstanceOf(DnsNetworkException.class).hasMessageContaining("TLS"));
        assertThat(fixture.identity.serverNamesSeen()).containsExactly("other.hostdns.test");
        assertThat(server.exchanges()).isEmpty();
    }

    @Test
    void unansweredRequest_failsWithTimeout() {
        FakeDohServer server = fixture.server(exchange -> Mono.empty());
        DohResolver resolver = fixture.resolver(fixture.builder(server.port()).timeout(Duration.ofMillis(500)));

        expectError(resolver, e -> {
            assertThat(e).isInstanceOf(DnsTimeoutException.class);
            assertThat(((DnsTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(((DnsTimeoutException) e).upstream()).isEqualTo(resolver.id());
        });
    }

    private DohResolver resolverFor(DohHandler handler) {
        FakeDohServer server = fixture.server(handler);
        return fixture.resolver(fixture.builder(server.port()));
    }

    private static void expectError(DohResolver resolver, Consumer<Throwable> check) {
        StepVerifier.create(resolver.resolve(Query.of("www.example.org", Type.A)))
                .expectErrorSatisfies(check)
                .verify(DohFixture.VERIFY_TIMEOUT);
    }
}
