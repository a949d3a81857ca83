package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
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

/** DoT and DoH upstreams configured with their {@code #} suffix, trusted through the builder's TLS trust. */
class EncryptedUpstreamsTest {

    private static final String NAME = "dns.hostdns.test";

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns forwarder test CA");
    private final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(NAME));
    private HostDnsForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
    }

    private void start(String resolver) {
        forwarder = HostDnsForwarder.builder(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers(resolver).build())
                .trust(TlsTrust.certificates(authority.rootCertificate()))
                .loopCheck(Duration.ofSeconds(2))
                .start().block(Duration.ofSeconds(15));
    }

    @Test
    void dotUpstream_withServerNameAfterHash_answersThroughTheListener() throws Exception {
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.71")))) {
            int port = server.addTcpListener(Protocol.TLS, identity.dotLayer());
            start("tls://127.0.0.1:" + port + "#" + NAME);

            assertThat(Dns.first(Dns.ask(forwarder.listenAddresses().get(0), "dot.example", Type.A))).isEqualTo("192.0.2.71");
            assertThat(identity.serverNamesSeen()).contains(NAME);
            assertThat(forwarder.status().allUpstreams()).singleElement()
                    .satisfies(s -> assertThat(s.protocol()).isEqualTo(Protocol.TLS));
        }
    }

    @Test
    void dohUpstream_withBootstrapAfterHash_isTracedAsHttps() {
        try (FakeDohServer server = FakeDohServer.start(identity, DohHandler.answering(m -> m))) {
            start("https://" + NAME + ":" + server.port() + "/dns-query#127.0.0.1");
            QueryTrace trace = new QueryTrace();

            forwarder.resolve(Query.of("doh.example", Type.A), trace).block(Duration.ofSeconds(10));

            assertThat(trace.events()).filteredOn(e -> e instanceof QueryTrace.Event.Attempt).singleElement()
                    .satisfies(e -> assertThat(((QueryTrace.Event.Attempt) e).upstream().protocol()).isEqualTo(Protocol.HTTPS));
            assertThat(server.exchanges()).isNotEmpty();
        }
    }
}
