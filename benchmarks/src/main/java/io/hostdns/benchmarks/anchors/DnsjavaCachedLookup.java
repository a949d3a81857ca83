package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.CachedLookup;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;

/**
 * dnsjava's {@code LookupSession} with its {@code Cache}:
 * {@code lookupAsync(name, A).toCompletableFuture().join()} after one warm-up lookup against the upstream.
 */
public final class DnsjavaCachedLookup implements CachedLookup {

    private final LookupSession session;
    private final Name name = BenchZone.name(1);

    public DnsjavaCachedLookup(InetSocketAddress upstream) {
        SimpleResolver resolver = new SimpleResolver(upstream);
        resolver.setTimeout(Duration.ofSeconds(2));
        this.session = LookupSession.builder().resolver(resolver).cache(new Cache(DClass.IN)).clearSearchPath().build();
        LookupResult warm = session.lookupAsync(name, Type.A).toCompletableFuture().join();
        if (warm.getRecords().isEmpty()) {
            throw new IllegalStateException("dnsjava warm-up found no record for " + name);
        }
    }

    @Override
    public Object lookup() {
        return session.lookupAsync(name, Type.A).toCompletableFuture().join();
    }

    @Override
    public void close() {
        // LookupSession and SimpleResolver own no thread or socket between queries: nothing to free
    }
}
