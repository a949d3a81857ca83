package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.RunningDnsServer;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * After shutdown of a whole forwarder (server, cache, upstream group, UDP and TCP clients on one
 * {@link DnsResources}), with queries still in flight: no event-loop thread, no channel, no pending query
 * and no timer of ours is left.
 */
class DisposeTest {

    @Test
    void shutdownWithQueriesInFlight_leavesNoThreadChannelPendingQueryOrTimer() throws Exception {
        Scheduler ownTimers = Schedulers.newParallel("dispose-timers", 2);
        TrackingScheduler timers = new TrackingScheduler(ownTimers);
        try (FakeDnsServer upstream = FakeDnsServer.start(r -> r.name().startsWith("hole")
                ? FakeReply.drop() : Responses.aFor("192.0.2.1"))) {
            DnsResources resources = DnsResources.create("dispose-check", 2);
            UpstreamId udpId = new UpstreamId(0, Protocol.UDP, "fake");
            UpstreamId tcpId = new UpstreamId(1, Protocol.TCP, "fake");
            UdpDnsClient udp = UdpDnsClient.builder(resources, udpId, upstream.address()).clock(timers).build();
            TcpDnsClient tcp = TcpDnsClient.builder(resources, tcpId, upstream.address()).clock(timers).build();
            UpstreamGroup group = UpstreamGroup.builder()
                    .upstreams(new Upstream(udpId, udp), new Upstream(tcpId, tcp))
                    .attemptTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(10))
                    .scheduler(timers).build();
            CachingResolver cache = CachingResolver.builder(group).scheduler(timers).build();
            RunningDnsServer server = DnsServer.create().resolver(cache).runOn(resources).timer(timers)
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .start().block(Duration.ofSeconds(10));
            ForwardingPipelineStub stub = new ForwardingPipelineStub(server);

            assertThat(stub.ask("ok.example.", false).addresses()).containsExactly("192.0.2.1");
            assertThat(stub.ask("ok2.example.", true).addresses()).containsExactly("192.0.2.1");
            for (int i = 0; i < 5; i++) {
                stub.fireAndForget("hole" + i + ".example.");
            }
            Await.until(Duration.ofSeconds(3), "5 queries pending at the black hole", () -> udp.pendingCount() == 5);
            assertThat(threads("dispose-check")).isNotEmpty();

            server.shutdown(Duration.ofMillis(200)).block(Duration.ofSeconds(5));
            cache.dispose();
            group.dispose();
            udp.dispose();
            tcp.dispose();
            resources.disposeLater().block(Duration.ofSeconds(10));

            assertThat(server.status()).allMatch(s -> s.state() == RunningDnsServer.ListenerStatus.State.STOPPED);
            assertThat(resources.openChannels()).isZero();
            assertThat(udp.pendingCount()).isZero();
            assertThat(udp.openSockets()).isZero();
            Await.until(Duration.ofSeconds(5), () -> "no event loop thread left: " + threads("dispose-check"),
                    () -> threads("dispose-check").isEmpty());
            Await.until(Duration.ofSeconds(3), () -> "no timer or task live: " + timers.live(),
                    () -> timers.live() == 0);
        } finally {
            ownTimers.dispose();
        }
    }

    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }
}
