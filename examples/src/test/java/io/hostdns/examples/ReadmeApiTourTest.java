package io.hostdns.examples;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.hosts.HostsFile;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.core.upstream.UpstreamPolicy;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.HostDns;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.server.RunningDnsServer;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

/**
 * The README's API tour, run against a fake upstream on loopback: the front door (over the fake upstream
 * instead of resolv.conf's, whose servers cannot name a port), then group → cache → hosts → server.
 */
class ReadmeApiTourTest {

    @Test
    void apiTour_frontDoor_looksUpAndResolvesThroughItsCache_andClosesOnce() {
        try (FakeDnsServer upstream = FakeDnsServer.start(request -> request.question().getType() == Type.MX
                ? FakeReply.message(r -> Responses.withAnswers(Responses.to(r),
                        new MXRecord(r.question().getName(), DClass.IN, 60, 10, Name.fromConstantString("mx.example."))))
                : aFor("192.0.2.80"))) {
            List<InetAddress> addresses;
            Answer mx;
            try (HostDns dns = HostDns.of("127.0.0.1:" + upstream.port())) {
                addresses = dns.lookup("example.com").block(Duration.ofSeconds(5));
                mx = dns.resolve(Query.of("example.com", Type.MX)).block(Duration.ofSeconds(5));
                assertThat(dns.upstreams()).singleElement()
                        .satisfies(s -> assertThat(s.state()).isEqualTo(UpstreamStatus.State.HEALTHY));
                assertThat(dns.cacheStats().misses()).isEqualTo(3);
            }
            assertThat(addresses).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.80");
            assertThat(mx.message().getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("10 mx.example."));
            try (HostDns tuned = HostDns.builder().upstreams("10.0.0.53", "10.0.0.54").strategy(GroupStrategy.race())
                    .attemptTimeout(Duration.ofSeconds(1)).deadline(Duration.ofSeconds(3)).build()) {
                assertThat(tuned.upstreams()).hasSize(2);
            }
        }
    }

    @Test
    void apiTour_groupCacheHostsAndServer_answerOverARealSocket() throws Exception {
        DnsResources resources = DnsResources.create("readme", 1);
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.80")))) {
            UpstreamFactory upstreams = UpstreamFactory.create(resources);
            UpstreamGroup group = Resolvers.group()
                    .upstreams(upstreams.createAll(List.of("127.0.0.1:" + upstream.port())))
                    .policy(UpstreamPolicy.HEALTH_ORDERED)
                    .strategy(GroupStrategy.adaptiveHedge())
                    .attemptTimeout(Duration.ofSeconds(2))
                    .deadline(Duration.ofMillis(4500))
                    .build();
            CachingResolver cache = CachingResolver.builder(Resolvers.coalescing(group)).build();
            Resolver pipeline = new HostsResolver(
                    StaticHosts.builder().hostsFile(HostsFile.parse("hosts", "192.0.2.7 printer.lan\n")).build(), cache);
            RunningDnsServer server = DnsServer.create()
                    .resolver(pipeline)
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .runOn(resources)
                    .start().block(Duration.ofSeconds(10));
            try {
                StepVerifier.create(pipeline.resolve(Query.of("printer.lan", Type.A)))
                        .assertNext(a -> assertThat(a.message().getSection(Section.ANSWER).get(0)
                                .rdataToString()).isEqualTo("192.0.2.7"))
                        .verifyComplete();

                SimpleResolver client = new SimpleResolver(server.address(io.hostdns.core.Protocol.UDP));
                Lookup lookup = new Lookup("www.example.", Type.A);
                lookup.setResolver(client);
                lookup.setCache(null);
                Record[] records = lookup.run();
                assertThat(records).extracting(Record::rdataToString).containsExactly("192.0.2.80");
                assertThat(cache.stats().misses()).isEqualTo(1);
            } finally {
                server.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
                cache.dispose();
                group.dispose();
            }
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
