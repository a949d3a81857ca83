package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.transport.https.DohResolver;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.UnboundServer;
import io.hostdns.transport.tls.TlsTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Interop of the encrypted upstream clients with a real peer, unbound, on loopback: DNS-over-TLS (one
 * pipelined connection) and DNS-over-HTTPS over HTTP/2 (POST and GET), both verifying unbound's
 * certificate for {@value #NAME} against a CA made by the test, the DoH URL reached via its bootstrap
 * address.
 */
class UnboundTlsInteropTest {

    private static final String NAME = "dns.hostdns.test";
    private static final int BIG_TXT_STRINGS = 8;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static UnboundServer unbound;
    private static DnsResources resources;
    private static UpstreamFactory factory;

    @BeforeAll
    static void startUnbound() throws Exception {
        UnboundServer.requireBinary();
        TestCertificates authority = TestCertificates.newAuthority("hostdns unbound interop CA");
        List<String> local = new ArrayList<>(List.of(
                "local-zone: \"interop.test.\" static",
                "local-data: \"interop.test. 60 IN SOA ns1.interop.test. hostmaster.interop.test. 1 3600 600 86400 60\"",
                "local-data: \"a.interop.test. 60 IN A 192.0.2.53\""));
        StringBuilder big = new StringBuilder("local-data: 'big.interop.test. 60 IN TXT");
        for (int i = 0; i < BIG_TXT_STRINGS; i++) {
            big.append(" \"").append(String.valueOf((char) ('a' + i)).repeat(200)).append('"');
        }
        local.add(big.append('\'').toString());
        for (int i = 0; i < 32; i++) {
            local.add("local-data: \"n" + i + ".interop.test. 60 IN A 198.51.100." + (i + 1) + "\"");
        }
        unbound = UnboundServer.start(authority.issueServer(NAME), local);
        resources = DnsResources.create("unbound-interop", 1);
        factory = UpstreamFactory.create(resources).trust(TlsTrust.certificates(authority.rootCertificate()));
    }

    @AfterAll
    static void stopUnbound() throws Exception {
        if (resources != null) {
            resources.disposeLater().block(Duration.ofSeconds(10));
        }
        if (unbound != null) {
            unbound.close();
        }
    }

    private static String firstA(Answer answer) {
        return ((ARecord) answer.message().getSectionArray(Section.ANSWER)[0]).getAddress().getHostAddress();
    }

    private static String dotSpec() {
        return "tls://127.0.0.1:" + unbound.dotPort() + "#" + NAME;
    }

    private static String dohSpec() {
        return "https://" + NAME + ":" + unbound.dohPort() + "/dns-query#127.0.0.1";
    }

    @Test
    void dot_getsLocalDataAnswer_nxdomain_andLargeTxt_fromUnbound() {
        Upstream dot = factory.create(0, dotSpec());
        TcpDnsClient client = (TcpDnsClient) dot.resolver();
        try {
            assertThat(dot.id().protocol()).isEqualTo(Protocol.TLS);
            StepVerifier.create(client.resolve(Query.of("a.interop.test", Type.A)))
                    .assertNext(a -> {
                        assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
                        assertThat(firstA(a)).isEqualTo("192.0.2.53");
                        assertThat(a.source().upstream()).isEqualTo(dot.id());
                    })
                    .expectComplete()
                    .verify(WAIT);
            StepVerifier.create(client.resolve(Query.of("missing.interop.test", Type.A)))
                    .assertNext(a -> assertThat(a.rcode()).isEqualTo(Rcode.NXDOMAIN))
                    .expectComplete()
                    .verify(WAIT);
            StepVerifier.create(client.resolve(Query.of("big.interop.test", Type.TXT)))
                    .assertNext(a -> assertThat(((TXTRecord) a.message().getSectionArray(Section.ANSWER)[0])
                            .getStrings()).hasSize(BIG_TXT_STRINGS).allMatch(s -> s.length() == 200))
                    .expectComplete()
                    .verify(WAIT);
        } finally {
            client.dispose();
        }
    }

    @Test
    void dot_pipelinesManyQueriesOnOneTlsConnection() {
        Upstream dot = factory.tcpOptions(b -> b.maxConnections(1)).create(0, dotSpec());
        TcpDnsClient client = (TcpDnsClient) dot.resolver();
        try {
            StepVerifier.create(Flux.range(0, 32)
                            .flatMap(i -> client.resolve(Query.of("n" + i + ".interop.test", Type.A))
                                    .map(a -> i + "=" + firstA(a)), 32)
                            .collectList())
                    .assertNext(all -> assertThat(all).hasSize(32)
                            .contains("0=198.51.100.1", "17=198.51.100.18", "31=198.51.100.32"))
                    .expectComplete()
                    .verify(WAIT);
            assertThat(client.stats().connectionsOpened()).isEqualTo(1);
            assertThat(client.stats().sent()).isEqualTo(32);
            assertThat(client.stats().accepted()).isEqualTo(32);
        } finally {
            client.dispose();
        }
    }

    @Test
    void doh_post_and_get_overHttp2_viaBootstrapAddress_getUnboundsAnswers() {
        for (DohResolver.Method method : DohResolver.Method.values()) {
            Upstream doh = factory.dohOptions(b -> b.method(method)).create(1, dohSpec());
            DohResolver resolver = (DohResolver) doh.resolver();
            try {
                assertThat(doh.id().protocol()).isEqualTo(Protocol.HTTPS);
                StepVerifier.create(resolver.resolve(Query.of("a.interop.test", Type.A)))
                        .assertNext(a -> {
                            assertThat(firstA(a)).as(method.name()).isEqualTo("192.0.2.53");
                            assertThat(a.source().upstream()).isEqualTo(doh.id());
                        })
                        .expectComplete()
                        .verify(WAIT);
                StepVerifier.create(resolver.resolve(Query.of("missing.interop.test", Type.A)))
                        .assertNext(a -> assertThat(a.rcode()).as(method.name()).isEqualTo(Rcode.NXDOMAIN))
                        .expectComplete()
                        .verify(WAIT);
                StepVerifier.create(Flux.range(0, 8)
                                .flatMap(i -> resolver.resolve(Query.of("n" + i + ".interop.test", Type.A))
                                        .map(UnboundTlsInteropTest::firstA))
                                .collectList())
                        .assertNext(all -> assertThat(all).as(method.name()).hasSize(8).contains("198.51.100.8"))
                        .expectComplete()
                        .verify(WAIT);
            } finally {
                resolver.disposeLater().block(WAIT);
            }
        }
    }
}
