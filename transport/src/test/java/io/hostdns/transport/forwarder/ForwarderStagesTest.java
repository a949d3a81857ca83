package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.hostdns.core.hosts.Member;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Sinks;

/** The stage list: its order per configuration, one trace event per stage, and what the cache must drop. */
class ForwarderStagesTest {

    private FakeDnsServer upstream;
    private HostDnsForwarder forwarder;
    private final Sinks.Many<Collection<Member>> members = Sinks.many().replay().latest();

    @BeforeEach
    void startUpstream() {
        upstream = FakeDnsServer.start(request -> request.name().startsWith("node")
                ? FakeReply.nxdomain() : Responses.aFor("192.0.2.1"));
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        upstream.close();
    }

    private HostDnsConfig.Builder base() {
        return HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port());
    }

    private void start(HostDnsConfig config) {
        forwarder = HostDnsForwarder.builder(config).members(members.asFlux()).loopCheck(null)
                .start().block(Duration.ofSeconds(10));
    }

    private void reconfigure(HostDnsConfig config) {
        forwarder.reconfigure(config).block(Duration.ofSeconds(10));
    }

    private List<String> stageNames() {
        return forwarder.stages().stream().map(HostDnsForwarder.StageDescription::name).toList();
    }

    @Test
    void stages_followTheConfiguration_inTheOrderAQueryMeetsThem() {
        start(base().build());
        assertThat(stageNames()).containsExactly("chaos", "loop-probe", "hosts", "cache", "coalesce", "cap", "routes");

        reconfigure(base().disableIPv6(true).resolveMemberNames(true).build());
        assertThat(stageNames()).containsExactly("chaos", "loop-probe", "ipv6-disabled", "hosts", "members", "cache",
                "coalesce", "cap", "routes");

        HostDnsConfig.Cache d = HostDnsConfig.Cache.defaults();
        reconfigure(base().cache(new HostDnsConfig.Cache(0, d.minTtl(), d.maxTtl(), d.negativeMinTtl(), d.negativeMaxTtl(),
                d.servfailTtl(), false, d.maxStale(), d.staleAnswerTimeout(), d.staleAnswerTtl(), false)).build());
        assertThat(stageNames()).containsExactly("chaos", "loop-probe", "hosts", "coalesce", "cap", "routes");
        assertThat(forwarder.stages()).filteredOn(s -> s.name().equals("cap")).singleElement()
                .satisfies(s -> assertThat(s.detail()).isEqualTo("at most 1000 upstream queries in flight"));
        assertThat(forwarder.upstreamStages()).extracting(HostDnsForwarder.StageDescription::name)
                .containsExactly("health+timeout", "sanitizer", "client");
    }

    @Test
    void trace_recordsEveryStageItPassesThrough_inOrder_thenWhichStageAnswered() {
        start(base().resolveMemberNames(true).build());
        QueryTrace miss = new QueryTrace();
        QueryTrace hit = new QueryTrace();

        forwarder.resolve(Query.of("traced.example", Type.A), miss).block(Duration.ofSeconds(5));
        forwarder.resolve(Query.of("traced.example", Type.A), hit).block(Duration.ofSeconds(5));

        assertThat(miss.events()).filteredOn(e -> e instanceof QueryTrace.Event.Stage).extracting(QueryTrace.Event::describe)
                .containsExactly("chaos: passed on", "loop-probe: passed on", "hosts: passed on", "members: passed on",
                        "cache: miss (passed on)", "coalesce: alone, traced (passed on)", "cap: passed on",
                        "routes: upstream #000 udp 127.0.0.1:" + upstream.port() + " (answered)");
        assertThat(hit.events()).extracting(QueryTrace.Event::describe).containsExactly("chaos: passed on",
                "loop-probe: passed on", "hosts: passed on", "members: passed on", "cache: hit (answered)");
    }

    @Test
    void disableIPv6_turnedOn_dropsCachedAaaa_soTheCacheHoldsOnlyWhatTheStagesBeforeItPassOn() throws Exception {
        start(base().build());
        Dns.ask(forwarder.listenAddresses().get(0), "v6.example", Type.AAAA);
        Dns.ask(forwarder.listenAddresses().get(0), "v4.example", Type.A);
        assertThat(forwarder.status().cache().size()).isEqualTo(2);

        reconfigure(forwarder.config().toBuilder().disableIPv6(true).build());

        assertThat(forwarder.status().cache().size()).isZero();
        assertThat(Dns.ask(forwarder.listenAddresses().get(0), "v6.example", Type.AAAA).getSectionArray(
                org.xbill.DNS.Section.ANSWER)).isEmpty();
    }

    @Test
    void resolveMemberNames_turnedOn_dropsTheMemberNamesTheCacheHeld() throws Exception {
        members.tryEmitNext(List.of(Member.of("node2", InetAddress.getByName("192.0.2.7"))));
        start(base().build());
        assertThat(Dns.ask(forwarder.listenAddresses().get(0), "node2", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        Dns.ask(forwarder.listenAddresses().get(0), "other.example", Type.A);
        assertThat(forwarder.status().cache().size()).isEqualTo(2);

        reconfigure(forwarder.config().toBuilder().resolveMemberNames(true).build());

        assertThat(forwarder.status().cache().size()).as("node2 dropped, other.example kept").isEqualTo(1);
        assertThat(Dns.first(Dns.ask(forwarder.listenAddresses().get(0), "node2", Type.A))).isEqualTo("192.0.2.7");
    }
}
