package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.transport.https.DohResolver;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.DohExchange;
import io.hostdns.transport.testing.DohHandler;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import io.hostdns.transport.tls.TlsTrust;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class UpstreamFactoryEncryptedTest {

    private static final String NAME = "dns.hostdns.test";

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns factory test CA");
    private final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(NAME));
    private final DnsResources resources = DnsResources.create("factory-tls-test", 1);
    private final UpstreamFactory factory = UpstreamFactory.create(resources)
            .trust(TlsTrust.certificates(authority.rootCertificate()));

    @AfterEach
    void disposeLoops() {
        resources.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void tlsSpec_becomesDotUpstream_verifyingTheNameAfterTheHash() {
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.7")))) {
            int port = server.addTcpListener(Protocol.TLS, identity.dotLayer());
            Upstream dot = factory.create(2, "tls://127.0.0.1:" + port + "#" + NAME);

            assertThat(dot.id().toString()).isEqualTo("#002 tls 127.0.0.1:" + port + "#" + NAME);
            assertThat(dot.resolver()).isInstanceOf(TcpDnsClient.class);
            expectAnswerFrom(dot);
            assertThat(identity.serverNamesSeen()).containsExactly(NAME);
            ((TcpDnsClient) dot.resolver()).dispose();
        }
    }

    @Test
    void httpsSpec_becomesDohUpstream_reachedAtTheBootstrapAddress_withFactoryOptions() {
        try (FakeDohServer server = FakeDohServer.start(identity, DohHandler.answering(m -> m))) {
            String url = "https://" + NAME + ":" + server.port() + "/dns-query";
            Upstream doh = factory.dohOptions(b -> b.method(DohResolver.Method.GET).timeout(Duration.ofSeconds(10))).create(1, url + "#127.0.0.1");

            assertThat(doh.id().toString()).isEqualTo("#001 https " + url);
            assertThat(doh.resolver()).isInstanceOf(DohResolver.class);
            expectAnswerFrom(doh);
            assertThat(server.exchanges()).extracting(DohExchange::method).containsExactly("GET");
            ((DohResolver) doh.resolver()).disposeLater().block(Duration.ofSeconds(5));
        }
    }

    private static void expectAnswerFrom(Upstream upstream) {
        StepVerifier.create(upstream.resolver().resolve(Query.of("f.example", Type.A)))
                .assertNext(a -> assertThat(a.source().upstream()).isEqualTo(upstream.id()))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
