package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.RunningDnsServer;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Listen addresses that cannot be bound: reported, retried until they bind, fatal only when none binds. */
class ListenerLifecycleTest {

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private FakeDnsServer upstream;
    private DatagramSocket udpSquatter;
    private ServerSocket tcpSquatter;
    private int port;
    private HostDnsForwarder forwarder;

    @BeforeEach
    void occupyAPort() throws IOException {
        upstream = FakeDnsServer.start(request -> Responses.aFor("192.0.2.5"));
        for (int attempt = 0; attempt < 20 && tcpSquatter == null; attempt++) {
            udpSquatter = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                tcpSquatter = new ServerSocket(udpSquatter.getLocalPort(), 50, loopback);
            } catch (IOException taken) {
                udpSquatter.close();
            }
        }
        port = udpSquatter.getLocalPort();
    }

    @AfterEach
    void stop() throws IOException {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        udpSquatter.close();
        tcpSquatter.close();
        upstream.close();
    }

    private HostDnsConfig config(String... listen) {
        return HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen(listen).resolvers("127.0.0.1:" + upstream.port()).build();
    }

    @Test
    void start_fails_whenNoListenAddressCanBeBound() {
        assertThatThrownBy(() -> HostDnsForwarder.builder(config("127.0.0.1:" + port)).loopCheck(null).start()
                .block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no listen address could be bound");
    }

    @Test
    void occupiedAddress_isReportedFailed_andServedOnceItFrees_whileTheOtherServes() throws Exception {
        forwarder = HostDnsForwarder.builder(config("127.0.0.1:0", "127.0.0.1:" + port)).loopCheck(null).start()
                .block(Duration.ofSeconds(10));
        InetSocketAddress other = forwarder.listenAddresses().get(0);
        InetSocketAddress squatted = new InetSocketAddress(loopback, port);

        assertThat(forwarder.listenAddresses()).containsExactly(other);
        assertThat(forwarder.status().listeners()).filteredOn(l -> l.address().equals(squatted))
                .extracting(RunningDnsServer.ListenerStatus::state).containsOnly(RunningDnsServer.ListenerStatus.State.FAILED);
        assertThat(Dns.first(Dns.ask(other, "meanwhile.test", Type.A))).isEqualTo("192.0.2.5");

        udpSquatter.close();
        tcpSquatter.close();
        // UDP and TCP rebind on their own retries: wait for both, or a TCP query may find the port still closed
        Await.until(Duration.ofSeconds(8), "the freed address bound by the server's own retries, UDP and TCP",
                () -> forwarder.listenAddresses().size() == 2 && forwarder.status().listeners().stream()
                        .allMatch(l -> l.state() == RunningDnsServer.ListenerStatus.State.RUNNING));

        assertThat(forwarder.listenAddresses()).containsExactly(other, squatted);
        assertThat(Dns.first(Dns.ask(squatted, "after-rebind.test", Type.A, true))).isEqualTo("192.0.2.5");
        assertThat(forwarder.status().listeners()).extracting(RunningDnsServer.ListenerStatus::state)
                .containsOnly(RunningDnsServer.ListenerStatus.State.RUNNING);
    }

    @Test
    void disabledConfig_startsNothing_andIsNotAcceptedAsReconfiguration() {
        HostDnsConfig disabled = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).enabled(false).listen("127.0.0.1:0")
                .resolvers("127.0.0.1:" + upstream.port()).build();

        assertThatThrownBy(() -> HostDnsForwarder.builder(disabled).start().block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hostDNS.enabled is false");
        forwarder = HostDnsForwarder.builder(config("127.0.0.1:0")).loopCheck(null).start().block(Duration.ofSeconds(10));
        assertThatThrownBy(() -> forwarder.reconfigure(disabled).block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostDNS.enabled is false");
        assertThat(forwarder.config().enabled()).isTrue();
    }
}
