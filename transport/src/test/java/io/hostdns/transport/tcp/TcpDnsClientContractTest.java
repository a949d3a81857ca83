package io.hostdns.transport.tcp;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.ClientContract;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import reactor.core.publisher.Mono;

/**
 * The {@link io.hostdns.core.Resolver} contract, clause by clause, for {@link TcpDnsClient}; the I/O failure
 * is the server closing the connection with the query in flight.
 */
class TcpDnsClientContractTest extends ClientContract {

    TcpDnsClientContractTest() {
        super(new UpstreamId(0, Protocol.TCP, "127.0.0.1"));
    }

    @Override
    protected Resolver client(FakeDnsServer server) {
        return clientOf(server);
    }

    private TcpDnsClient clientOf(FakeDnsServer server) {
        return closeLater(TcpDnsClient.builder(resources, upstreamId, server.address())
                .queryTimeout(QUERY_TIMEOUT).build());
    }

    @Override
    protected ResolutionInFlight resolutionInFlight() {
        FakeDnsServer server = server(FakeDnsHandler.always(FakeReply.scripted(q -> Mono.never())));
        TcpDnsClient client = clientOf(server);
        return pendingSlotReleased(server, client, client::pendingCount);
    }
}
