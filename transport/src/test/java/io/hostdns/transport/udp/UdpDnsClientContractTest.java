package io.hostdns.transport.udp;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.ClientContract;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/** The {@link io.hostdns.core.Resolver} contract, clause by clause, for {@link UdpDnsClient}. */
class UdpDnsClientContractTest extends ClientContract {

    UdpDnsClientContractTest() {
        super(new UpstreamId(0, Protocol.UDP, "127.0.0.1"));
    }

    @Override
    protected Resolver client(FakeDnsServer server) {
        return clientOf(server.address());
    }

    private UdpDnsClient clientOf(InetSocketAddress address) {
        return closeLater(UdpDnsClient.builder(resources, upstreamId, address).queryTimeout(QUERY_TIMEOUT).build());
    }

    /** UDP's I/O failure: ICMP port unreachable from a port nobody listens on, seen by the connected socket. */
    @Override
    protected Resolver resolverOverFailingUpstream() {
        return clientOf(closedPort());
    }

    @Override
    protected ResolutionInFlight resolutionInFlight() {
        FakeDnsServer server = server(FakeDnsHandler.always(FakeReply.scripted(q -> Mono.never())));
        UdpDnsClient client = clientOf(server.address());
        return pendingSlotReleased(server, client, client::pendingCount);
    }

    private static InetSocketAddress closedPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
