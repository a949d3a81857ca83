package io.hostdns.transport.tls;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.ClientContract;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/**
 * The {@link io.hostdns.core.Resolver} contract, clause by clause, for the DoT client
 * (the TCP client {@linkplain TcpDnsClient.Builder#tls over TLS}), against the fake server's TLS listener with a test CA.
 */
class DotClientContractTest extends ClientContract {

    private static final String NAME = "dot.hostdns.test";

    private final TestCertificates authority = TestCertificates.newAuthority("hostdns DoT contract CA");
    private final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(NAME));

    DotClientContractTest() {
        super(new UpstreamId(0, Protocol.TLS, "127.0.0.1#" + NAME));
    }

    @Override
    protected Resolver client(FakeDnsServer server) {
        return clientOf(server);
    }

    private TcpDnsClient clientOf(FakeDnsServer server) {
        InetSocketAddress tls = new InetSocketAddress(server.address().getAddress(),
                server.addTcpListener(Protocol.TLS, identity.dotLayer()));
        return closeLater(TcpDnsClient.builder(resources, upstreamId, tls)
                .tls(NAME, TlsTrust.certificates(authority.rootCertificate())).queryTimeout(QUERY_TIMEOUT).build());
    }

    @Override
    protected ResolutionInFlight resolutionInFlight() {
        FakeDnsServer server = server(FakeDnsHandler.always(FakeReply.scripted(q -> Mono.never())));
        TcpDnsClient client = clientOf(server);
        return pendingSlotReleased(server, client, client::pendingCount);
    }
}
