package io.hostdns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.benchmarks.anchors.DnsjavaBurstClient;
import io.hostdns.benchmarks.anchors.DnsjavaCachedLookup;
import io.hostdns.benchmarks.anchors.DnsjavaUncachedClient;
import io.hostdns.benchmarks.anchors.JdkCachedLookup;
import io.hostdns.benchmarks.anchors.NettyBurstClient;
import io.hostdns.benchmarks.anchors.NettyCachedLookup;
import io.hostdns.benchmarks.anchors.NettyUncachedClient;
import io.hostdns.benchmarks.hostdns.HostdnsBurstClient;
import io.hostdns.benchmarks.hostdns.HostdnsCachedLookup;
import io.hostdns.benchmarks.hostdns.HostdnsUdpClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.benchmarks.upstream.InProcessResponder;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.lookup.LookupResult;

/** Every benchmarked implementation, driven as the benchmarks drive it, gets correct answers (few, fast). */
class ClientsAgainstResponderTest {

    private InProcessResponder upstream;

    @BeforeEach
    void start() {
        upstream = InProcessResponder.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private void answersEveryQuery(Function<InetSocketAddress, UncachedClient> factory) throws Exception {
        RecordingOutcome outcome = new RecordingOutcome(50);
        try (UncachedClient client = factory.apply(upstream.address())) {
            for (int i = 0; i < 50; i++) {
                client.query(i * 19 % BenchZone.SIZE, outcome);
            }
            assertThat(outcome.awaitAll()).isTrue();
        }
        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.answered).hasValue(50);
    }

    @Test
    void uncachedClients_answerEveryQueryCorrectly() throws Exception {
        answersEveryQuery(HostdnsUdpClient::new);
        answersEveryQuery(NettyUncachedClient::new);
        answersEveryQuery(DnsjavaUncachedClient::new);
    }

    @Test
    void cachedLookups_returnTheCachedAnswer() {
        try (CachedLookup hostdns = new HostdnsCachedLookup();
             CachedLookup netty = new NettyCachedLookup(upstream.address());
             CachedLookup dnsjava = new DnsjavaCachedLookup(upstream.address());
             CachedLookup jdk = new JdkCachedLookup()) {
            assertThat((Answer) hostdns.lookup()).satisfies(a -> assertThat(a.source().kind()).isEqualTo(AnswerSource.Kind.CACHE));
            assertThat(netty.lookup()).isEqualTo(BenchZone.ipv4(1));
            assertThat(((LookupResult) dnsjava.lookup()).getRecords()).singleElement()
                    .satisfies(r -> assertThat(r.getName()).isEqualTo(BenchZone.name(1)));
            assertThat(((InetAddress) jdk.lookup()).isLoopbackAddress()).isTrue();
        }
    }

    private long herd(BurstClient client, int index) throws Exception {
        RecordingOutcome outcome = new RecordingOutcome(100);
        client.forget(index);
        long before = client.upstreamQueries();
        for (int i = 0; i < 100; i++) {
            client.resolve(index, outcome);
        }
        assertThat(outcome.awaitAll()).isTrue();
        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.answered).hasValue(100);
        return client.upstreamQueries() - before;
    }

    @Test
    void burstClients_answerAHerd_andCountTheQueriesSent() throws Exception {
        try (BurstClient hostdns = new HostdnsBurstClient(upstream.address());
             BurstClient netty = new NettyBurstClient(upstream.address(), 0);
             BurstClient dnsjava = new DnsjavaBurstClient(upstream.address())) {
            // coalesced: a handful at most (a late joiner may miss the in-flight call); not coalesced: one each
            assertThat(herd(hostdns, 3)).isBetween(1L, 10L);
            assertThat(herd(netty, 3)).isEqualTo(100);
            assertThat(herd(dnsjava, 3)).isPositive();
            // forgetting really empties the cache: a second herd of the same name goes to the upstream again
            assertThat(herd(hostdns, 3)).isPositive();
        }
    }
}
