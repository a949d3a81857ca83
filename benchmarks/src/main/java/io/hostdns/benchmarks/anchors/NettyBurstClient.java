package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.BurstClient;
import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Netty's {@code DnsNameResolver} with its default cache, counting the queries it writes; with
 * {@code consolidateCacheSize > 0} its consolidation of in-flight lookups of the same name is on.
 */
public final class NettyBurstClient implements BurstClient {

    private final AtomicLong sent = new AtomicLong();
    private final NettyResolvers netty;
    private final String[] hostnames = new String[BenchZone.SIZE];

    public NettyBurstClient(InetSocketAddress upstream, int consolidateCacheSize) {
        this.netty = NettyResolvers.cachedCounting(upstream, consolidateCacheSize, sent);
        for (int i = 0; i < hostnames.length; i++) {
            hostnames[i] = BenchZone.hostname(i);
        }
    }

    @Override
    public void forget(int index) {
        netty.resolver().resolveCache().clear(hostnames[index]);
    }

    @Override
    public void resolve(int index, QueryOutcome outcome) {
        netty.resolver().resolve(hostnames[index]).addListener(f -> {
            if (!f.isSuccess()) {
                outcome.failed(f.cause());
            } else if (BenchZone.ipv4(index).equals(f.getNow())) {
                outcome.answered();
            } else {
                outcome.failed(new IllegalStateException(hostnames[index] + " resolved to " + f.getNow()));
            }
        });
    }

    @Override
    public long upstreamQueries() {
        return sent.get();
    }

    @Override
    public void close() {
        netty.close();
    }
}
