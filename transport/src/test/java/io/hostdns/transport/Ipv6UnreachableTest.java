package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * A real "network is unreachable", produced without any traffic leaving the machine: a link-local IPv6
 * address scoped to the loopback interface ({@code [fe80::1%lo]}). The scope pins the route to the
 * loopback device, which has no link-local network, so the kernel refuses the connect/send with
 * ENETUNREACH at once; even if it did not, a packet on the loopback device cannot leave the host.
 */
class Ipv6UnreachableTest {

    private static DnsResources resources;
    private static String loopback;

    @BeforeAll
    static void setUp() throws SocketException {
        loopback = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nif -> {
                    try {
                        return nif.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .map(NetworkInterface::getName)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(loopback != null, "no loopback interface to scope a link-local address to");
        resources = DnsResources.create("ipv6-unreachable", 1);
    }

    @AfterAll
    static void tearDown() {
        if (resources != null) {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    private static void expectUnreachableAtOnce(io.hostdns.core.Resolver resolver, UpstreamId id) {
        StepVerifier.create(resolver.resolve(Query.of("v6.example", Type.AAAA)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsUnreachableException.class)
                            .hasMessageContaining("nreachable");
                    assertThat(((DnsUnreachableException) e).upstream()).isEqualTo(id);
                })
                .verify(Duration.ofSeconds(1));
        ((Disposable) resolver).dispose();
    }

    @Test
    void udpUpstream_withNoRoute_failsAtOnceAsUnreachable_notATimeout() {
        Upstream upstream = UpstreamFactory.create(resources).create(0, "udp://[fe80::1%" + loopback + "]:53");

        expectUnreachableAtOnce(upstream.resolver(), upstream.id());
    }

    @Test
    void unconnectedUdpSocket_sendToNoRoute_failsAtOnceAsUnreachable() {
        UpstreamSpec spec = UpstreamSpec.parse("[fe80::1%" + loopback + "]:53");
        UpstreamId id = new UpstreamId(0, Protocol.UDP, spec.address());
        UdpDnsClient client = UdpDnsClient.builder(resources, id, spec.socketAddress()).connectedSockets(false).build();

        expectUnreachableAtOnce(client, id);
    }

    @Test
    void tcpUpstream_withNoRoute_failsAtOnceAsUnreachable() {
        Upstream upstream = UpstreamFactory.create(resources).create(3, "tcp://[fe80::1%" + loopback + "]:53");

        expectUnreachableAtOnce(upstream.resolver(), upstream.id());
    }
}
