package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.transport.internal.CacheFront;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * Replies of the server's cache-hit path ({@link CachedReplies}) count in the server's counters, which the
 * forwarder's /metrics reads, as the resolver's way counts them: requests by type and transport, replies by rcode.
 */
class CacheHitCountsTest {

    private final CacheStore store = CacheStore.builder()
            .options(CacheOptions.DEFAULTS.withPrefetch(CacheOptions.Prefetch.DISABLED)).executor(Runnable::run).build();
    private final AtomicInteger resolved = new AtomicInteger();
    private final RunningDnsServer.Counters counters = new RunningDnsServer.Counters();

    @AfterEach
    void stop() {
        store.dispose();
    }

    /** What the server asks: counted, then the cache over an upstream answering A, or NXDOMAIN for "nx" names. */
    private CacheFront front() {
        Resolver cached = store.over(query -> Mono.fromCallable(() -> upstream(query)));
        return new CacheFront() {
            @Override
            public Mono<Answer> resolve(Query query) {
                resolved.incrementAndGet();
                return cached.resolve(query);
            }

            @Override
            public CacheStore hitStore() {
                return store;
            }
        };
    }

    private static Answer upstream(Query query) throws Exception {
        if (!query.name().getLabelString(0).startsWith("nx")) {
            return Answers.a(query, "192.0.2.7");
        }
        Message m = Answers.reply(query, Rcode.NXDOMAIN);
        Name zone = Name.fromString("example.");
        m.addRecord(new SOARecord(zone, DClass.IN, 3600, Name.fromString("ns.example."),
                Name.fromString("hostmaster.example."), 1, 3600, 900, 604800, 60), Section.AUTHORITY);
        return Answer.of(m, AnswerSource.upstream(Answers.UPSTREAM));
    }

    @Test
    void cacheHitPath_countsRequestsByTypeAndTransport_andRepliesByRcode_asTheResolversWayDoes() throws Exception {
        try (ServerFixture f = ServerFixture.start(front(), server -> server.counters(counters))) {
            for (int i = 0; i < 3; i++) {
                assertThat(f.send(DnsServerUdpTest.query("www.example.", Type.A), false).getRcode())
                        .isEqualTo(Rcode.NOERROR);
                assertThat(f.send(DnsServerUdpTest.query("nx.example.", Type.AAAA), true).getRcode())
                        .isEqualTo(Rcode.NXDOMAIN);
            }

            assertThat(resolved.get()).as("only the two misses took the resolver's way").isEqualTo(2);
            assertThat(store.stats().hits()).as("four hits, all on the cache-hit path").isEqualTo(4);
            assertThat(counters.requests(Protocol.UDP, "A")).isEqualTo(3);
            assertThat(counters.requests(Protocol.TCP, "AAAA")).isEqualTo(3);
            assertThat(counters.replies("NOERROR")).isEqualTo(3);
            assertThat(counters.replies("NXDOMAIN")).isEqualTo(3);
            assertThat(counters.snapshot().udpQueries()).isEqualTo(3);
            assertThat(counters.snapshot().tcpQueries()).isEqualTo(3);
        }
    }
}
