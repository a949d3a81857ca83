package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.BurstClient;
import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;

/** dnsjava's {@code LookupSession} with its {@code Cache}, counting the queries its resolver sends. */
public final class DnsjavaBurstClient implements BurstClient {

    private final AtomicLong sent = new AtomicLong();
    private final Cache cache = new Cache(DClass.IN);
    private final LookupSession session;

    public DnsjavaBurstClient(InetSocketAddress upstream) {
        SimpleResolver resolver = new SimpleResolver(upstream);
        resolver.setTimeout(Duration.ofSeconds(2));
        this.session = LookupSession.builder().resolver(new CountingResolver(resolver, sent)).cache(cache)
                .clearSearchPath().build();
    }

    @Override
    public void forget(int index) {
        cache.flushName(BenchZone.name(index));
    }

    @Override
    public void resolve(int index, QueryOutcome outcome) {
        session.lookupAsync(BenchZone.name(index), Type.A).whenComplete((result, error) -> {
            if (error != null) {
                outcome.failed(error);
            } else if (result.getRecords().size() == 1) {
                outcome.answered();
            } else {
                outcome.failed(new IllegalStateException("unexpected records " + result.getRecords()));
            }
        });
    }

    @Override
    public long upstreamQueries() {
        return sent.get();
    }

    @Override
    public void close() {
        // LookupSession and SimpleResolver own no thread or socket between queries: nothing to free
    }
}
