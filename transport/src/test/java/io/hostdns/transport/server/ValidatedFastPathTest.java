package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.dnssec.ValidatingResolver;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.internal.CacheFront;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.SignedTestZones;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * A validated answer's cache hit takes the server's synchronous cache-hit path ({@link CachedReplies}): a server
 * in front of a cache over the {@link ValidatingResolver} over NSD serving the signed test tree, asked by
 * dnsjava over UDP and TCP. A hit never reaches the resolver (the front counts what does), and carries AD for a
 * client that set DO or AD, not for one that set neither (RFC 6840 section 5.8).
 */
class ValidatedFastPathTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger resolved = new AtomicInteger();

    private static NsdServer nsd;
    private static DnsResources resources;
    private static CacheStore store;
    private static RunningDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        NsdServer.requireBinary();
        SignedTestZones tree = SignedTestZones.create();
        nsd = NsdServer.start(tree.zones());
        resources = DnsResources.create("validated-fast-path", 1);
        UdpDnsClient toNsd = UdpDnsClient.builder(resources, new UpstreamId(0, Protocol.UDP, "nsd"), nsd.address())
                .build();
        DnssecValidation validation = DnssecValidation.of(DnssecValidation.parseTrustAnchors(
                tree.trustAnchor().replace('\t', ' '), "the signed test tree's DS"));
        store = CacheStore.builder().build();
        Resolver cached = store.over(ValidatingResolver.over(toNsd, validation));
        CacheFront front = new CacheFront() {
            @Override
            public Mono<Answer> resolve(Query query) {
                resolved.incrementAndGet();
                return cached.resolve(query);
            }

            @Override
            public @Nullable CacheStore hitStore() {
                return store;
            }
        };
        server = DnsServer.create().resolver(front).runOn(resources)
                .listen(new InetSocketAddress("127.0.0.1", 0)).start().block(WAIT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutdown(Duration.ZERO).block(WAIT);
        }
        if (store != null) {
            store.dispose();
        }
        if (resources != null) {
            resources.disposeLater().block(WAIT);
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static Message ask(String name, boolean dnssecOk, boolean ad, Protocol protocol) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        if (ad) {
            query.getHeader().setFlag(Flags.AD);
        }
        query.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        SimpleResolver resolver = new SimpleResolver(server.address(protocol));
        resolver.setTCP(protocol == Protocol.TCP);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(query);
    }

    @Test
    void validatedHit_isServedByTheCacheHitPath_withAdOnlyForDoOrAdClients() throws Exception {
        for (String name : new String[] {"www.signed.test.", "www.nsec3.signed.test."}) {
            for (boolean dnssecOk : new boolean[] {true, false}) {
                Message miss = ask(name, dnssecOk, false, Protocol.UDP);
                assertThat(miss.getHeader().getFlag(Flags.AD)).as("miss, DO=%s", dnssecOk).isEqualTo(dnssecOk);
                int before = resolved.get();
                for (Protocol protocol : new Protocol[] {Protocol.UDP, Protocol.TCP}) {
                    for (boolean ad : new boolean[] {false, true}) {
                        Message hit = ask(name, dnssecOk, ad, protocol);

                        assertThat(hit.getHeader().getFlag(Flags.AD)).as("%s DO=%s AD=%s over %s", name, dnssecOk,
                                ad, protocol).isEqualTo(dnssecOk || ad);
                        assertThat(Arrays.stream(hit.getSectionArray(Section.ANSWER)).map(Record::getType)
                                .anyMatch(t -> t == Type.RRSIG)).as("signatures for DO only").isEqualTo(dnssecOk);
                    }
                }
                assertThat(resolved).as("every hit answered by the cache-hit path, none resolved").hasValue(before);
            }
        }
    }
}
