package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hostdns.core.Protocol;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.Await;
import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/** Several UDP sockets on one port (SO_REUSEPORT), each read by its own event loop. */
class DnsServerReusePortTest {

    @Test
    void udpSocketsPerAddress_bindsThemAllOnOnePort_andAnyOfThemAnswers() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT sockets need the native epoll transport: skipping");
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.udpSocketsPerAddress(3))) {
            List<RunningDnsServer.ListenerStatus> status = f.server.status();
            assertThat(status).extracting(RunningDnsServer.ListenerStatus::protocol)
                    .containsExactly(Protocol.UDP, Protocol.UDP, Protocol.UDP, Protocol.TCP);
            assertThat(status).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.RUNNING)
                    .allMatch(s -> s.address().equals(f.udp()));

            // every query comes from a new source port, so the kernel spreads them over the sockets
            for (int i = 0; i < 20; i++) {
                byte[] reply = f.rawUdp(DnsServerUdpTest.query("q" + i + ".example.", Type.A).toWire(), Duration.ofSeconds(2));
                assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
            }

            // one socket of the group dies: the port keeps answering while it is rebuilt
            SupervisedListener first = f.server.listeners().get(0);
            Objects.requireNonNull(first.channel()).close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                byte[] reply = f.rawUdp(DnsServerUdpTest.query("after" + i + ".example.", Type.A).toWire(), Duration.ofSeconds(2));
                assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
            }
            Await.until(Duration.ofSeconds(2), "the closed socket to be rebuilt", () -> first.channel() != null);
            assertThat(first.status().state()).isEqualTo(RunningDnsServer.ListenerStatus.State.RUNNING);
            assertThat(f.server.counters().udpQueries()).isEqualTo(30);
        }
    }

    @Test
    void udpSocketsPerAddress_onAPortAnotherServerHolds_failsAsAddressInUse_insteadOfJoiningIt() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT sockets need the native epoll transport: skipping");
        try (ServerFixture first = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.udpSocketsPerAddress(2))) {
            // the same user's second group could otherwise share the port and take half of the first one's queries
            Mono<RunningDnsServer> second = DnsServer.create().resolver(q -> Mono.just(Answers.a(q, "192.0.2.2")))
                    .listen(first.udp()).udpSocketsPerAddress(2).start();

            assertThatThrownBy(() -> second.block(Duration.ofSeconds(10)))
                    .hasMessageContaining("no listener could bind").hasMessageContaining("Address already in use");
            for (int i = 0; i < 10; i++) {
                byte[] reply = first.rawUdp(DnsServerUdpTest.query("s" + i + ".example.", Type.A).toWire(), Duration.ofSeconds(2));
                assertThat(new Message(reply).getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.1");
            }
        }
    }

    @Test
    void udpSocketsPerAddress_onDnsResourcesEpollLoops_bindsThemAll() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT sockets need the native epoll transport: skipping");
        DnsResources resources = DnsResources.create("reuseport-test", 2);
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.runOn(resources).udpSocketsPerAddress(2))) {
            // the forwarder runs its server this way: the loops' wrapper group must not hide that they are epoll
            assertThat(f.server.status()).extracting(RunningDnsServer.ListenerStatus::protocol)
                    .containsExactly(Protocol.UDP, Protocol.UDP, Protocol.TCP);
            assertThat(f.server.status()).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.RUNNING)
                    .allMatch(s -> s.address().equals(f.udp()));
            // each socket reads on its own loop: the binds are chained on a loop, and the loops' group is colocated
            assertThat(f.server.listeners().stream().filter(l -> l.protocol() == Protocol.UDP)
                    .map(l -> Objects.requireNonNull(l.channel()).eventLoop()).distinct()).hasSize(2);
            for (int i = 0; i < 10; i++) {
                byte[] reply = f.rawUdp(DnsServerUdpTest.query("r" + i + ".example.", Type.A).toWire(), Duration.ofSeconds(2));
                assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
            }
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(10));
        }
    }
}
