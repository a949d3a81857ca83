package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.BurstClient;
import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.cache.CoalescingResolver;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * hostdns' {@link CachingResolver} with default options over a {@link CoalescingResolver} (identical misses share one query), in front of the
 * benchmark's {@link HostdnsUdpClient} setup; every subscription that reaches the UDP client is counted.
 */
public final class HostdnsBurstClient implements BurstClient {

    private final HostdnsUdpClient udp;
    private final AtomicLong sent = new AtomicLong();
    private final CachingResolver cache;
    private final Query[] queries = new Query[BenchZone.SIZE];

    public HostdnsBurstClient(InetSocketAddress upstream) {
        this.udp = new HostdnsUdpClient(upstream);
        Resolver counted = query -> Mono.defer(() -> {
            sent.incrementAndGet();
            return udp.resolve(query);
        });
        this.cache = CachingResolver.builder(new CoalescingResolver(counted)).build();
        for (int i = 0; i < queries.length; i++) {
            queries[i] = Query.of(BenchZone.name(i), Type.A);
        }
    }

    @Override
    public void forget(int index) {
        cache.invalidate(queries[index].name(), Type.A);
    }

    @Override
    public void resolve(int index, QueryOutcome outcome) {
        cache.resolve(queries[index]).subscribe(new OutcomeSubscriber(outcome));
    }

    @Override
    public long upstreamQueries() {
        return sent.get();
    }

    @Override
    public void close() {
        try {
            cache.dispose();
        } finally {
            udp.close();
        }
    }
}
