package io.hostdns.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

/** DoT's TLS profile: TLS 1.2 accepted, IP-address verification without SNI, handshake timeout. */
class DotClientProfileTest {

    private static final String NAME = "dot.hostdns.test";
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns DoT profile CA");
    private final TlsTrust trust = TlsTrust.certificates(authority.rootCertificate());
    private final DnsResources resources = DnsResources.create("dot-profile-test", 1);
    private final UpstreamId upstream = new UpstreamId(0, Protocol.TLS, "127.0.0.1");
    private final FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.12")));
    private TcpDnsClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.dispose();
        }
        server.close();
        resources.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void serverOfferingOnlyTls12_isAccepted() {
        TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(NAME));
        InetSocketAddress tls = listen(identity, "TLSv1.2");
        client = TcpDnsClient.builder(resources, upstream, tls).tls(NAME, trust).build();

        expectAnswer();
        assertThat(identity.protocolsSeen()).containsExactly("TLSv1.2");
    }

    @Test
    void withoutServerName_certificateMustCarryTheIpAddress_andNoSniIsSent() {
        TlsServerIdentity identity = new TlsServerIdentity(authority.issueServerForIp("127.0.0.1"));
        InetSocketAddress tls = listen(identity);
        client = TcpDnsClient.builder(resources, upstream, tls).tls(null, trust).build();

        expectAnswer();
        assertThat(identity.serverNamesSeen()).isEmpty();
        assertThat(identity.protocolsSeen()).containsExactly("TLSv1.3");
    }

    @Test
    void withoutServerName_certificateForANameOnly_isRejected() {
        InetSocketAddress tls = listen(new TlsServerIdentity(authority.issueServer(NAME)));
        client = TcpDnsClient.builder(resources, upstream, tls).tls(null, trust).build();

        StepVerifier.create(client.resolve(Query.of("www.example.org", Type.A)))
                .expectError(DnsNetworkException.class)
                .verify(VERIFY_TIMEOUT);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void serverThatNeverCompletesTls_failsQueriesAfterTheHandshakeTimeout() {
        // a plain DNS-over-TCP port: it reads the ClientHello as the start of a huge frame and stays silent
        InetSocketAddress plain = server.address();
        client = TcpDnsClient.builder(resources, upstream, plain).tls(NAME, trust)
                .tlsHandshakeTimeout(Duration.ofMillis(300)).build();

        StepVerifier.create(client.resolve(Query.of("www.example.org", Type.A)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                        .hasMessageContaining("handshake"))
                .verify(VERIFY_TIMEOUT);
    }

    private InetSocketAddress listen(TlsServerIdentity identity, String... protocols) {
        int port = server.addTcpListener(Protocol.TLS, identity.dotLayer(protocols));
        return new InetSocketAddress(server.address().getAddress(), port);
    }

    private void expectAnswer() {
        StepVerifier.create(client.resolve(Query.of("www.example.org", Type.A)))
                .assertNext(answer -> assertThat(answer.source().upstream()).isEqualTo(upstream))
                .expectComplete()
                .verify(VERIFY_TIMEOUT);
    }
}
