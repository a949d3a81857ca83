package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.Await;
import io.netty.channel.Channel;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Listeners that fail, die and come back; graceful, bounded shutdown; IPv6. */
class DnsServerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void bindFailureOfOneAddress_leavesTheOthersRunning_isShownInStatus_andIsRetried() throws Exception {
        DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int taken = squatter.getLocalPort();
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken), ServerFixture.LOOPBACK_ANY_PORT))) {
            List<RunningDnsServer.ListenerStatus> status = f.server.status();
            assertThat(status).hasSize(4);
            assertThat(status.get(0).protocol()).isEqualTo(Protocol.UDP);
            assertThat(status.get(0).state()).isEqualTo(RunningDnsServer.ListenerStatus.State.FAILED);
            assertThat(status.get(0).error()).contains("bind failed");
            assertThat(status.get(1).state()).isEqualTo(RunningDnsServer.ListenerStatus.State.RUNNING);
            assertThat(status.subList(2, 4)).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.RUNNING);
            assertThat(f.send(DnsServerUdpTest.query("other.example.", Type.A), false).getRcode()).isEqualTo(Rcode.NOERROR);

            squatter.close();
            Await.until(WAIT, "the listener to run again", () -> f.server.status().get(0).state() == RunningDnsServer.ListenerStatus.State.RUNNING);
            byte[] reply = ServerFixture.rawUdp(f.server.status().get(0).address(),
                    DnsServerUdpTest.query("retried.example.", Type.A).toWire(), WAIT);
            assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
        } finally {
            squatter.close();
        }
    }

    @Test
    void udpAndTcpListeners_areRebuiltOnTheSamePort_afterTheirChannelIsClosed() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")))) {
            InetSocketAddress udp = f.udp();
            InetSocketAddress tcp = f.tcp();
            List<RunningDnsServer.ListenerStatus> changes = new CopyOnWriteArrayList<>();
            Disposable watching = f.server.statusChanges().subscribe(changes::add);
            for (SupervisedListener listener : f.server.listeners()) {
                Channel old = Objects.requireNonNull(listener.channel());
                old.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
                Await.until(WAIT, "a new channel for the listener", () -> listener.channel() != null && listener.channel() != old);
                assertThat(listener.status().state()).isEqualTo(RunningDnsServer.ListenerStatus.State.RUNNING);
            }
            assertThat(f.udp()).isEqualTo(udp);
            assertThat(f.tcp()).isEqualTo(tcp);
            assertThat(f.send(DnsServerUdpTest.query("udp.example.", Type.A), false).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(f.send(DnsServerUdpTest.query("tcp.example.", Type.A), true).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(changes).extracting(RunningDnsServer.ListenerStatus::protocol, RunningDnsServer.ListenerStatus::state, RunningDnsServer.ListenerStatus::error)
                    .containsExactly(
                            tuple(Protocol.UDP, RunningDnsServer.ListenerStatus.State.FAILED, "channel closed unexpectedly"),
                            tuple(Protocol.UDP, RunningDnsServer.ListenerStatus.State.RUNNING, null),
                            tuple(Protocol.TCP, RunningDnsServer.ListenerStatus.State.FAILED, "channel closed unexpectedly"),
                            tuple(Protocol.TCP, RunningDnsServer.ListenerStatus.State.RUNNING, null));
            watching.dispose();
        }
    }

    @Test
    void shutdown_letsInFlightQueriesFinish_thenLeavesNoChannelOpen() throws Exception {
        CountDownLatch asked = new CountDownLatch(2);
        ServerFixture f = ServerFixture.start(q -> Mono.delay(Duration.ofMillis(300))
                .doOnSubscribe(s -> asked.countDown()).thenReturn(Answers.a(q, "192.0.2.1")));
        InetSocketAddress udp = f.udp();
        InetSocketAddress tcp = f.tcp();
        RawTcp tcpClient = new RawTcp(tcp, WAIT);
        byte[] udpQuery = DnsServerUdpTest.query("udp.example.", Type.A).toWire();
        CompletableFuture<byte[]> udpReply = CompletableFuture.supplyAsync(() -> {
            try {
                return ServerFixture.rawUdp(udp, udpQuery, WAIT);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        tcpClient.send(DnsServerUdpTest.query("tcp.example.", Type.A).toWire());
        assertThat(asked.await(2, TimeUnit.SECONDS)).isTrue();

        List<RunningDnsServer.ListenerStatus> changes = new CopyOnWriteArrayList<>();
        AtomicBoolean changesCompleted = new AtomicBoolean();
        f.server.statusChanges().doOnComplete(() -> changesCompleted.set(true)).subscribe(changes::add);
        long start = System.nanoTime();
        f.server.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(new Message(udpReply.get(2, TimeUnit.SECONDS)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(new Message(tcpClient.read()).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(tcpClient.closedByServer()).isTrue();
        tcpClient.close();
        assertThat(f.server.status()).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.STOPPED);
        assertThat(changes).hasSize(2).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.STOPPED);
        assertThat(changesCompleted).isTrue();
        assertThat(f.server.listeners()).allMatch(l -> l.channel() == null);
        assertThat(f.server.isDisposed()).isTrue();
        // both ports are free again: nothing of the server holds them
        new DatagramSocket(udp).close();
        new ServerSocket(tcp.getPort(), 1, tcp.getAddress()).close();
    }

    @Test
    void shutdown_isBounded_andCancelsQueriesThatDoNotFinish() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch asked = new CountDownLatch(1);
        ServerFixture f = ServerFixture.start(q -> Mono.<Answer>never()
                .doOnSubscribe(s -> asked.countDown()).doOnCancel(() -> cancelled.set(true)),
                s -> s.queryTimeout(Duration.ofSeconds(30)));
        ServerFixture.rawUdp(f.udp(), DnsServerUdpTest.query("never.example.", Type.A).toWire(), Duration.ofMillis(50));
        assertThat(asked.await(2, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        f.server.shutdown(Duration.ofMillis(200)).block(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(cancelled).isTrue();
    }

    @Test
    void ipv6Loopback_servesUdpAndTcp() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        assumeTrue(ipv6LoopbackUsable(v6), "no IPv6 loopback in this sandbox: skipping the [::1] listener test");
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.6")),
                s -> s.listen(new InetSocketAddress(v6, 0)))) {
            assertThat(f.udp().getAddress()).isEqualTo(v6);
            assertThat(f.send(DnsServerUdpTest.query("v6.example.", Type.A), false).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(f.send(DnsServerUdpTest.query("v6.example.", Type.A), true).getRcode()).isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void runsOnSharedDnsResources_andLeavesTheirEventLoopsRunningAfterShutdown() throws Exception {
        DnsResources resources = DnsResources.create("server-test", 1);
        try {
            ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")), s -> s.runOn(resources));
            assertThat(f.send(DnsServerUdpTest.query("shared.example.", Type.A), false).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(f.send(DnsServerUdpTest.query("shared.example.", Type.A), true).getRcode()).isEqualTo(Rcode.NOERROR);

            f.close();

            assertThat(resources.eventLoops().isShuttingDown()).isFalse();
            assertThat(f.server.listeners()).allMatch(l -> l.channel() == null);
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void start_fails_whenNoListenerCanBind() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ServerSocket tcpSquatter = new ServerSocket(squatter.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
            Mono<RunningDnsServer> start = DnsServer.create().resolver(q -> Mono.just(Answers.a(q, "192.0.2.1")))
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), squatter.getLocalPort())).start();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start.block(Duration.ofSeconds(5)))
                    .hasMessageContaining("no listener could bind");
        }
    }

    @Test
    void withoutFailIfNoneBinds_startSucceedsUnbound_andTheSocketsBindOnceTheAddressFrees() throws Exception {
        DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServerSocket tcpSquatter = new ServerSocket(squatter.getLocalPort(), 1, InetAddress.getLoopbackAddress());
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), squatter.getLocalPort());
        RunningDnsServer server = DnsServer.create().resolver(q -> Mono.just(Answers.a(q, "192.0.2.1")))
                .listen(taken).failIfNoneBinds(false).start().block(Duration.ofSeconds(5));
        try {
            assertThat(server.status()).extracting(RunningDnsServer.ListenerStatus::state)
                    .containsExactly(RunningDnsServer.ListenerStatus.State.FAILED, RunningDnsServer.ListenerStatus.State.FAILED);
            assertThat(server.address(Protocol.UDP)).isNull();

            squatter.close();
            tcpSquatter.close();
            Await.until(Duration.ofSeconds(8), "both listeners bound once the squatters left",
                    () -> server.status().stream().allMatch(l -> l.state() == RunningDnsServer.ListenerStatus.State.RUNNING));
            byte[] reply = ServerFixture.rawUdp(taken, DnsServerUdpTest.query("bound-late.example.", Type.A).toWire(), WAIT);
            assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOERROR);
        } finally {
            squatter.close();
            tcpSquatter.close();
            server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
        }
    }

    private static boolean ipv6LoopbackUsable(InetAddress v6) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(v6, 0))) {
            return probe.isBound();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
