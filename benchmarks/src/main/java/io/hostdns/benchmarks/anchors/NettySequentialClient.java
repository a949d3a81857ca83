package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Netty's {@code DnsNameResolver} with no caches over two name servers in order
 * ({@code SequentialDnsServerAddressStreamProvider}): a query goes to the first and, only when that one
 * times out ({@code queryTimeoutMillis}), to the second. Netty has no hedging.
 */
public final class NettySequentialClient implements UncachedClient {

    private final NettyResolvers netty;
    private final String[] hostnames = new String[BenchZone.SIZE];

    public NettySequentialClient(List<InetSocketAddress> servers, long queryTimeoutMillis) {
        this.netty = NettyResolvers.sequential(servers, queryTimeoutMillis);
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
