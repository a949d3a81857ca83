package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.netty.resources.LoopResources;

class DnsResourcesTest {

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    @Test
    void usesEpoll_whenTheNativeTransportLoads() {
        DnsResources resources = DnsResources.create("native-check", 1);
        try {
            assertThat(resources.isNative()).isEqualTo(Epoll.isAvailable());
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void disposeLater_closesEveryChannel_andStopsOwnedThreads() {
        DnsResources resources = DnsResources.create("dispose-test", 2);
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.12")))) {
            UdpDnsClient udp = UdpDnsClient.builder(resources,
                    new UpstreamId(0, Protocol.UDP, "fake"), server.address()).build();
            TcpDnsClient tcp = TcpDnsClient.builder(resources,
                    new UpstreamId(1, Protocol.TCP, "fake"), server.address()).build();
            udp.resolve(Query.of("a.example", Type.A)).block(Duration.ofSeconds(5));
            tcp.resolve(Query.of("b.example", Type.A)).block(Duration.ofSeconds(5));
            assertThat(resources.openChannels()).isGreaterThanOrEqualTo(2);
            assertThat(threadsNamed("dispose-test")).isPositive();

            resources.disposeLater().block(Duration.ofSeconds(10));

            assertThat(resources.openChannels()).isZero();
            assertThat(resources.isDisposed()).isTrue();
            Await.until(Duration.ofSeconds(5), "event loop threads to end", () -> threadsNamed("dispose-test") == 0);
            Await.until(Duration.ofSeconds(5), "server to see the TCP connection closed",
                    () -> server.openTcpConnections() == 0);
        }
    }

    @Test
    void sharedLoops_surviveDispose_butOurChannelsAreClosed() {
        LoopResources loops = LoopResources.create("shared-test", 1, true);
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(Responses.aFor("192.0.2.13")))) {
            DnsResources resources = DnsResources.shared(loops);
            UdpDnsClient udp = UdpDnsClient.builder(resources,
                    new UpstreamId(0, Protocol.UDP, "fake"), server.address()).build();
            udp.resolve(Query.of("c.example", Type.A)).block(Duration.ofSeconds(5));

            resources.disposeLater().block(Duration.ofSeconds(10));

            assertThat(resources.openChannels()).isZero();
            assertThat(udp.openSockets()).isZero();
            assertThat(threadsNamed("shared-test")).isPositive();
        } finally {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
    }
}
