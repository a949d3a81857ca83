package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;

/** Netty's {@code DnsNameResolver} with no caches: each {@code resolve} is one A query on the wire. */
public final class NettyUncachedClient implements UncachedClient {

    private final NettyResolvers netty;
    private final String[] hostnames = new String[BenchZone.SIZE];

    public NettyUncachedClient(InetSocketAddress upstream) {
        this.netty = NettyResolvers.uncached(upstream);
        for (int i = 0; i < hostnames.length; i++) {
            hostnames[i] = BenchZone.hostname(i);
        }
    }

    @Override
    public void query(int index, QueryOutcome outcome) {
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
    public void close() {
        netty.close();
    }
}
