package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.hosts.Member;
import io.hostdns.core.hosts.NodeIdentity;
import io.hostdns.core.search.ResolvConf;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Sinks;

/** The assembled pipeline through a real socket, with scripted upstreams: every stage and its trace. */
class ForwarderPipelineTest {

    private FakeDnsServer upstream;
    private FakeDnsServer corp;
    private HostDnsForwarder forwarder;
    private final Sinks.Many<Collection<Member>> members = Sinks.many().replay().latest();

    @BeforeEach
    void startUpstreams() {
        upstream = FakeDnsServer.start(request -> request.name().startsWith("missing")
                ? FakeReply.nxdomain() : Responses.aFor("192.0.2.1"));
        corp = FakeDnsServer.start(request -> Responses.aFor("10.1.2.3"));
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        upstream.close();
        corp.close();
    }

    private HostDnsForwarder start(HostDnsConfig config) {
        forwarder = HostDnsForwarder.builder(config)
                .members(members.asFlux())
                .node(NodeIdentity.of("node1.cluster.test", List.of(InetAddress.getLoopbackAddress())))
                .loopCheck(Duration.ofMillis(500))
                .start().block(Duration.ofSeconds(10));
        return forwarder;
    }

    private io.hostdns.transport.forwarder.config.HostDnsConfig.Builder base() {
        return HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off())
                .listen("127.0.0.1:0")
                .resolvers("udp://127.0.0.1:" + upstream.port())
                .resolveMemberNames(true)
                .route(Dns.name("corp.example."), "127.0.0.1:" + corp.port());
    }

    private InetSocketAddress server() {
        return forwarder.listenAddresses().get(0);
    }

    @Test
    void upstreamAnswer_isCached_secondQueryNeverReachesUpstream() throws Exception {
        start(base().build());

        Message first = Dns.ask(server(), "www.example.com", Type.A);
        Message second = Dns.ask(server(), "WWW.example.COM", Type.A);

        assertThat(Dns.first(first)).isEqualTo("192.0.2.1");
        assertThat(Dns.first(second)).isEqualTo("192.0.2.1");
        assertThat(second.getQuestion().getName().toString()).isEqualTo("WWW.example.COM.");
        assertThat(upstream.requests()).filteredOn(r -> r.name().equalsIgnoreCase("www.example.com.")).hasSize(1);
        assertThat(forwarder.status().cache().hits()).isEqualTo(1);
    }

    @Test
    void routedDomain_goesToItsOwnUpstreams_longestMatchWins() throws Exception {
        start(base().build());

        assertThat(Dns.first(Dns.ask(server(), "db.corp.example", Type.A))).isEqualTo("10.1.2.3");
        assertThat(Dns.first(Dns.ask(server(), "example", Type.A))).isEqualTo("192.0.2.1");
        assertThat(corp.requests()).filteredOn(r -> !r.name().endsWith("hostdns-loop-check.")).hasSize(1);
        assertThat(forwarder.status().upstreams()).hasSize(2);
        assertThat(forwarder.status().upstreams().get(1).domain()).isEqualTo(Dns.name("corp.example."));
    }

    @Test
    void staticHostsAndNodeName_answeredLocally_withNodataAndPtr() throws Exception {
        start(base().staticHost(Dns.name("db.local."), List.of(InetAddress.getByName("192.0.2.50"))).build());

        assertThat(Dns.first(Dns.ask(server(), "DB.local", Type.A))).isEqualTo("192.0.2.50");
        Message aaaa = Dns.ask(server(), "db.local", Type.AAAA);
        assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.getSectionArray(Section.ANSWER)).isEmpty();
        assertThat(aaaa.getSectionArray(Section.AUTHORITY)[0].getType()).isEqualTo(Type.SOA);
        assertThat(Dns.first(Dns.ask(server(), "50.2.0.192.in-addr.arpa", Type.PTR))).isEqualTo("db.local.");
        assertThat(Dns.first(Dns.ask(server(), "node1", Type.A))).isEqualTo("127.0.0.1");
        assertThat(upstream.requests()).filteredOn(r -> r.name().contains("local") || r.name().contains("node1")).isEmpty();
    }

    @Test
    void memberChange_invalidatesCachedNegativeAnswer() throws Exception {
        start(base().build());
        assertThat(Dns.ask(server(), "missing-node2", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(forwarder.status().cache().size()).isEqualTo(1);

        members.tryEmitNext(List.of(Member.of("missing-node2", InetAddress.getByName("192.0.2.7"))));
        assertThat(Dns.first(Dns.ask(server(), "missing-node2", Type.A))).isEqualTo("192.0.2.7");
        // the cache drops the name off the event loops, a moment after the member stage starts answering it
        Await.until(Duration.ofSeconds(5), "the member name dropped from the cache",
                () -> forwarder.status().cache().size() == 0);
        members.tryEmitNext(List.of());
        Message afterRemoval = Dns.ask(server(), "missing-node2", Type.A);

        assertThat(afterRemoval.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        // without invalidation the NXDOMAIN cached first (5-10 s) would have been served: the upstream saw it twice
        assertThat(upstreamAsked("missing-node2.")).isEqualTo(2);
    }

    private long upstreamAsked(String name) {
        return upstream.requests().stream().filter(r -> r.name().equals(name)).count();
    }

    @Test
    void disableIPv6_answersAaaaNodataLocally_andAIsForwarded() throws Exception {
        start(base().disableIPv6(true).build());

        Message aaaa = Dns.ask(server(), "www.example.com", Type.AAAA);

        assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.getSectionArray(Section.ANSWER)).isEmpty();
        assertThat(aaaa.getSectionArray(Section.AUTHORITY)[0].getType()).isEqualTo(Type.SOA);
        assertThat(upstream.requests()).filteredOn(r -> r.question().getType() == Type.AAAA).isEmpty();
        assertThat(Dns.first(Dns.ask(server(), "www.example.com", Type.A))).isEqualTo("192.0.2.1");
    }

    @Test
    void disableIPv6_dropsIpv6Upstreams_keepingTheOthersAndTheirIndex() {
        start(base().resolvers("[::1]:" + upstream.port(), "127.0.0.1:" + upstream.port()).disableIPv6(true).build());

        assertThat(forwarder.status().upstreams().get(0).upstreams()).singleElement()
                .satisfies(s -> assertThat(s.id().index()).isEqualTo(1));
    }

    @Test
    void trace_recordsStagesRouteAndUpstreamAttempt_thenCacheHit() {
        start(base().build());
        QueryTrace miss = new QueryTrace();
        QueryTrace hit = new QueryTrace();

        Answer first = forwarder.resolve(Query.of("traced.example", Type.A), miss).block(Duration.ofSeconds(5));
        forwarder.resolve(Query.of("traced.example", Type.A), hit).block(Duration.ofSeconds(5));

        assertThat(first.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(miss.events()).extracting(QueryTrace.Event::describe)
                .containsSubsequence("hosts: passed on", "members: passed on", "cache: miss (passed on)",
                        "route: default upstreams");
        assertThat(miss.events()).filteredOn(e -> e instanceof QueryTrace.Event.Attempt).singleElement()
                .satisfies(e -> assertThat(e.describe()).startsWith("upstream #000 udp 127.0.0.1:").contains("NOERROR"));
        assertThat(hit.events()).extracting(QueryTrace.Event::describe).contains("cache: hit (answered)");
        assertThat(hit.events()).noneMatch(e -> e instanceof QueryTrace.Event.Attempt);
    }

    @Test
    void resolvConf_pointsAtConfiguredListenAddress_andIsWrittenAtStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resolv.conf");
        Files.writeString(file, "nameserver 192.0.2.53\nsearch lan.example\noptions ndots:2\n");
        forwarder = HostDnsForwarder.builder(base().listen("127.0.0.53:53")
                        .resolvConf(new HostDnsConfig.ResolvConf(file, true, true)).build())
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .loopCheck(null)
                .start().block(Duration.ofSeconds(10));

        ResolvConf conf = forwarder.resolvConf().block(Duration.ofSeconds(5));

        assertThat(conf.nameservers()).containsExactly("127.0.0.53");
        assertThat(conf.search()).containsExactly("lan.example");
        assertThat(Files.readString(file)).contains("nameserver 127.0.0.53").contains("search lan.example")
                .contains("ndots:2").doesNotContain("192.0.2.53");
    }
}
