package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Forwarding loops found at start and at reconfiguration the CoreDNS way: a second forwarder whose upstream
 * is the first one sends the first one's loop probe back into its own listener.
 */
class LoopDetectionTest {

    private FakeDnsServer upstream;
    private HostDnsForwarder first;
    private HostDnsForwarder second;

    @AfterEach
    void stop() {
        for (HostDnsForwarder f : new HostDnsForwarder[] {first, second}) {
            if (f != null) {
                f.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
            }
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static HostDnsForwarder start(String listen, int upstreamPort, boolean loopCheck) {
        return HostDnsForwarder.builder(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen(listen).resolvers("127.0.0.1:" + upstreamPort).build())
                .loopCheck(loopCheck ? Duration.ofMillis(800) : null)
                .start().block(Duration.ofSeconds(10));
    }

    @Test
    void start_fails_whenTheUpstreamForwardsBackToUs() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        second = start("127.0.0.1:0", port, false);
        int secondPort = second.listenAddresses().get(0).getPort();

        assertThatThrownBy(() -> start("127.0.0.1:" + port, secondPort, true))
                .isInstanceOf(HostDnsForwarder.LoopException.class)
                .hasMessageContaining("came back")
                .satisfies(e -> assertThat(((HostDnsForwarder.LoopException) e).upstreams()).singleElement()
                        .satisfies(id -> assertThat(id.address()).endsWith(":" + secondPort)));
        // the failed forwarder released its port
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void reconfigure_refusesALoopThroughASecondForwarder_andKeepsAnswering() throws Exception {
        upstream = FakeDnsServer.start(request -> Responses.aFor("192.0.2.9"));
        first = start("127.0.0.1:0", upstream.port(), true);
        int firstPort = first.listenAddresses().get(0).getPort();
        second = start("127.0.0.1:0", firstPort, true); // second → first → fake: no loop
        int secondPort = second.listenAddresses().get(0).getPort();
        HostDnsConfig looping = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + secondPort).build();

        assertThatThrownBy(() -> first.reconfigure(looping).block(Duration.ofSeconds(10)))
                .isInstanceOf(HostDnsForwarder.LoopException.class);

        assertThat(first.status().loopProbesSeen()).isEqualTo(1);
        assertThat(second.status().loopProbesSeen()).isZero();
        assertThat(Dns.first(Dns.ask(first.listenAddresses().get(0), "fine.test", Type.A))).isEqualTo("192.0.2.9");
        assertThat(Dns.first(Dns.ask(second.listenAddresses().get(0), "fine.test", Type.A))).isEqualTo("192.0.2.9");
    }
}
