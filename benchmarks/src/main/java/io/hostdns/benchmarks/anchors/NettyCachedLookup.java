package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.CachedLookup;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Netty's cached resolve: {@code resolve(name).syncUninterruptibly().getNow()} after one warm-up lookup
 * against the upstream; on a hit the promise completes on the calling thread.
 */
public final class NettyCachedLookup implements CachedLookup {

    private final NettyResolvers netty;
    private final String hostname = BenchZone.hostname(1);

    public NettyCachedLookup(InetSocketAddress upstream) {
        this.netty = NettyResolvers.cached(upstream);
        InetAddress warm = netty.resolver().resolve(hostname).syncUninterruptibly().getNow();
        if (!BenchZone.ipv4(1).equals(warm)) {
            netty.close();
            throw new IllegalStateException("netty warm-up resolved " + hostname + " to " + warm);
        }
    }

    @Override
    public Object lookup() {
        return netty.resolver().resolve(hostname).syncUninterruptibly().getNow();
    }

    @Override
    public void close() {
        netty.close();
    }
}
