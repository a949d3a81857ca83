package io.hostdns.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeRequest;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class DotClientTest {

    private static final String NAME = "dot.hostdns.test";
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns DoT test CA");
    private final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(NAME));
    private final DnsResources resources = DnsResources.create("dot-test", 1);
    private final UpstreamId upstream = new UpstreamId(0, Protocol.TLS, "127.0.0.1#" + NAME);
    private FakeDnsServer server;
    private TcpDnsClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.dispose();
        }
        if (server != null) {
            server.close();
        }
        resources.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void query_roundTripsOverTls13_withSniAndVerifiedServerName() {
        InetSocketAddress tls = startServer(1, FakeDnsHandler.always(Responses.aFor("192.0.2.53")));
        client = TcpDnsClient.builder(resources, upstream, tls).tls(NAME, trusted()).build();

        StepVerifier.create(client.resolve(Query.of("www.example.org", Type.A)))
                .assertNext(answer -> {
                    assertThat(answer.source()).isEqualTo(AnswerSource.upstream(upstream));
                    assertThat(address(answer)).isEqualTo("192.0.2.53");
                })
                .expectComplete()
                .verify(VERIFY_TIMEOUT);

        assertThat(identity.serverNamesSeen()).containsExactly(NAME);
        assertThat(identity.protocolsSeen()).containsExactly("TLSv1.3");
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.protocol()).isEqualTo(Protocol.TLS));
    }

    @Test
    void pipelinedQueries_shareOneTlsConnection_andMatchOutOfOrderReplies() {
        // replies held in batches of 4 and sent in reverse order
        InetSocketAddress tls = startServer(4, request -> Responses.aFor(addressFor(request)));
        client = TcpDnsClient.builder(resources, upstream, tls).tls(NAME, trusted()).maxConnections(1).build();

        List<Answer> answers = Flux.range(1, 8)
                .flatMap(i -> client.resolve(Query.of("host" + i + ".example", Type.A)))
                .collectList()
                .block(VERIFY_TIMEOUT);

        assertThat(answers).hasSize(8).allSatisfy(answer -> assertThat(address(answer))
                .isEqualTo("192.0.2." + answer.message().getQuestion().getName().getLabelString(0).substring(4)));
        assertThat(server.requests()).hasSize(8).extracting(FakeRequest::connection).containsOnly(1);
        assertThat(server.tcpConnectionsAccepted()).isEqualTo(1);
        assertThat(identity.serverNamesSeen()).hasSize(1);
    }

    @Test
    void untrustedCertificate_failsWithNetworkError_andSendsNoQuery() {
        InetSocketAddress tls = startServer(1, FakeDnsHandler.always(Responses.aFor("192.0.2.53")));
        TestCertificates stranger = TestCertificates.newAuthority("someone else's CA");
        client = TcpDnsClient.builder(resources, upstream, tls)
                .tls(NAME, TlsTrust.certificates(stranger.rootCertificate())).build();

        expectTlsFailure();
    }

    @Test
    void certificateForAnotherName_failsWithNetworkError_andSendsNoQuery() {
        InetSocketAddress tls = startServer(1, FakeDnsHandler.always(Responses.aFor("192.0.2.53")));
        client = TcpDnsClient.builder(resources, upstream, tls).tls("other.hostdns.test", trusted()).build();

        expectTlsFailure();
        assertThat(identity.serverNamesSeen()).containsExactly("other.hostdns.test");
    }

    private void expectTlsFailure() {
        StepVerifier.create(client.resolve(Query.of("www.example.org", Type.A)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsNetworkException.class).cause().isInstanceOf(SSLHandshakeException.class);
                    assertThat(((DnsNetworkException) e).upstream()).isEqualTo(upstream);
                })
                .verify(VERIFY_TIMEOUT);
        assertThat(server.requests()).isEmpty();
    }

    private InetSocketAddress startServer(int reverseBatch, FakeDnsHandler handler) {
        server = FakeDnsServer.start(handler, reverseBatch);
        int port = server.addTcpListener(Protocol.TLS, identity.dotLayer());
        return new InetSocketAddress(server.address().getAddress(), port);
    }

    private TlsTrust trusted() {
        return TlsTrust.certificates(authority.rootCertificate());
    }

    private static String addressFor(FakeRequest request) {
        return "192.0.2." + request.name().substring(4, request.name().indexOf('.'));
    }

    private static String address(Answer answer) {
        return ((ARecord) answer.message().getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
    }
}
