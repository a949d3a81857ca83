package io.hostdns.transport.https;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.ClientContract;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import io.hostdns.transport.tls.TlsTrust;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The {@link io.hostdns.core.Resolver} contract, clause by clause, for {@link DohResolver}, against a DoH
 * front ({@link FakeDohServer#startFor}) of the fake server. DoH is the one transport whose server sees a
 * cancellation (the HTTP/2 stream is reset), so the default cancellation clause applies: the upstream's
 * script sees the cancel.
 */
class DohResolverContractTest extends ClientContract {

    private static final String HOST = "dns.hostdns.test";
    private static final String URL_PATH = "/dns-query";
    /** DoH's timeout also bounds the connection and TLS handshake, made anew for every clause. */
    private static final Duration DOH_TIMEOUT = Duration.ofSeconds(3);

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns DoH contract CA");
    private final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(HOST));

    DohResolverContractTest() {
        super(new UpstreamId(0, Protocol.HTTPS, "https://" + HOST + URL_PATH));
    }

    @Override
    protected Resolver client(FakeDnsServer server) {
        FakeDohServer doh = FakeDohServer.startFor(identity, server);
        closeAtEnd(doh::close);
        return closeLater(DohResolver.builder("https://" + HOST + ":" + doh.port() + URL_PATH)
                .id(upstreamId)
                .bootstrap(InetAddress.getLoopbackAddress())
                .trust(TlsTrust.certificates(authority.rootCertificate()))
                .timeout(DOH_TIMEOUT)
                .resources(resources)
                .build());
    }
}
