package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.trace.QueryTrace.Event.AttemptOutcome;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.RunningDnsServer;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/** {@code status()}, {@code statusChanges()} and traces of hedged attempts. */
class StatusAndTraceTest {

    private FakeDnsServer slow;
    private FakeDnsServer fast;
    private HostDnsForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        slow.close();
        fast.close();
    }

    private void start(HostDnsConfig.Timeouts timeouts) {
        slow = FakeDnsServer.start(request -> request.name().contains("hostdns-loop-check") ? FakeReply.nxdomain()
                : request.name().startsWith("refused") ? FakeReply.refused()
                : FakeReply.delay(Duration.ofMillis(400), Responses.aFor("192.0.2.10")));
        fast = FakeDnsServer.start(request -> Responses.aFor("192.0.2.20"));
        forwarder = HostDnsForwarder.builder(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0")
                        .resolvers("127.0.0.1:" + slow.port(), "127.0.0.1:" + fast.port())
                        .timeouts(timeouts).build())
                .loopCheck(Duration.ofMillis(500))
                .start().block(Duration.ofSeconds(10));
    }

    @Test
    void trace_showsTheHedge_startedWhileTheFirstAttemptRan_andTheLoserCancelled() {
        start(new HostDnsConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(50)));
        QueryTrace trace = new QueryTrace();

        forwarder.resolve(Query.of("hedged.example", Type.A), trace).block(Duration.ofSeconds(5));

        List<QueryTrace.Event.Attempt> attempts = trace.events().stream().filter(e -> e instanceof QueryTrace.Event.Attempt)
                .map(e -> (QueryTrace.Event.Attempt) e).toList();
        assertThat(attempts).hasSize(2);
        QueryTrace.Event.Attempt winner = attempts.stream().filter(a -> a.outcome() == AttemptOutcome.ANSWERED).findFirst().orElseThrow();
        QueryTrace.Event.Attempt loser = attempts.stream().filter(a -> a.outcome() == AttemptOutcome.CANCELLED).findFirst().orElseThrow();
        assertThat(winner.upstream().index()).isEqualTo(1);
        assertThat(winner.hedge()).isTrue();
        assertThat(winner.describe()).contains("(hedge)").contains("NOERROR");
        assertThat(loser.upstream().index()).isZero();
        assertThat(loser.hedge()).isFalse();
        assertThat(trace.hedges()).isEqualTo(1);
        assertThat(trace.attempts()).isEqualTo(2);
    }

    @Test
    void hedgeTotals_outliveAReconfigurationThatReplacesTheUpstreams() {
        start(new HostDnsConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(50)));
        forwarder.resolve(Query.of("hedged-before.example", Type.A), new QueryTrace()).block(Duration.ofSeconds(5));
        assertThat(forwarder.status().hedges()).isEqualTo(new UpstreamGroup.Hedges(1, 1));

        // the new upstream groups start counting at zero; the retired groups' counts stay in the totals
        forwarder.reconfigure(forwarder.config().toBuilder().resolvers("127.0.0.1:" + fast.port()).build())
                .block(Duration.ofSeconds(10));
        assertThat(forwarder.status().hedges()).isEqualTo(new UpstreamGroup.Hedges(1, 1));

        forwarder.reconfigure(forwarder.config().toBuilder()
                        .resolvers("127.0.0.1:" + slow.port(), "127.0.0.1:" + fast.port()).build())
                .block(Duration.ofSeconds(10));
        forwarder.resolve(Query.of("hedged-after.example", Type.A), new QueryTrace()).block(Duration.ofSeconds(5));
        assertThat(forwarder.status().hedges()).isEqualTo(new UpstreamGroup.Hedges(2, 2));
    }

    @Test
    void status_listsListenersUpstreamsAndCache() throws Exception {
        start(HostDnsConfig.Timeouts.defaults());
        Dns.ask(forwarder.listenAddresses().get(0), "counted.example", Type.A);

        ForwarderStatus status = forwarder.status();

        assertThat(status.listeners()).extracting(RunningDnsServer.ListenerStatus::state).containsOnly(RunningDnsServer.ListenerStatus.State.RUNNING);
        // one TCP socket, and a UDP socket per event loop (SO_REUSEPORT) where epoll runs, else one
        assertThat(status.listeners()).filteredOn(l -> l.protocol() == Protocol.TCP).hasSize(1);
        assertThat(status.listeners()).filteredOn(l -> l.protocol() == Protocol.UDP).isNotEmpty();
        assertThat(status.listeners()).extracting(RunningDnsServer.ListenerStatus::address).containsOnly(
                forwarder.listenAddresses().get(0));
        assertThat(status.upstreams()).singleElement().satisfies(r -> assertThat(r.domain()).isNull());
        assertThat(status.allUpstreams()).hasSize(2);
        assertThat(status.cache().misses()).isEqualTo(1);
    }

    @Test
    void statusChanges_reportUpstreamHealthChanges_andReconfigurations() {
        start(HostDnsConfig.Timeouts.defaults());
        Mono<ForwarderStatus> degraded = forwarder.statusChanges()
                .filter(s -> s.allUpstreams().get(0).state() != UpstreamStatus.State.HEALTHY).next().cache();
        degraded.subscribe();

        forwarder.pipeline().resolve(Query.of("refused-by-first.example", Type.A)).block(Duration.ofSeconds(5));
        assertThat(degraded.block(Duration.ofSeconds(5)).allUpstreams().get(0).state()).isEqualTo(UpstreamStatus.State.DEGRADED);

        Mono<ForwarderStatus> reconfigured = forwarder.statusChanges()
                .filter(s -> s.allUpstreams().size() == 1).next().cache();
        reconfigured.subscribe();
        forwarder.reconfigure(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + fast.port()).build())
                .block(Duration.ofSeconds(10));
        assertThat(reconfigured.block(Duration.ofSeconds(5)).allUpstreams().get(0).address()).endsWith(":" + fast.port());
    }
}
