package io.hostdns.benchmarks;

import io.hostdns.benchmarks.anchors.DnsjavaCachedLookup;
import io.hostdns.benchmarks.anchors.JdkCachedLookup;
import io.hostdns.benchmarks.anchors.NettyCachedLookup;
import io.hostdns.benchmarks.hostdns.HostdnsCachedLookup;
import io.hostdns.benchmarks.upstream.BenchUpstream;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of answering an already cached name, on the calling thread: hostdns' {@code CachingResolver}
 * (subscribed synchronously), Netty's {@code DnsNameResolver} cache, dnsjava's {@code LookupSession}+{@code Cache}
 * and the JDK's {@code InetAddress} cache. Run with {@code -prof gc} for bytes allocated per lookup.
 *
 * <p>Netty and dnsjava fill their caches with one real lookup against {@code upstream} ({@code nsd}, started
 * here, or {@code inprocess}); hostdns' cache is filled from a fake delegate and the JDK reads /etc/hosts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {

    @Param({"hostdns", "netty", "dnsjava", "jdk"})
    public String impl = "hostdns";

    /** The upstream Netty and dnsjava warm their caches from: {@code nsd} or {@code inprocess}. */
    @Param({"nsd"})
    public String upstream = "nsd";

    private @Nullable BenchUpstream server;
    private @Nullable CachedLookup lookup;

    @Setup(Level.Trial)
    public void setUp() {
        lookup = switch (impl) {
            case "hostdns" -> new HostdnsCachedLookup();
            case "netty" -> new NettyCachedLookup(startUpstream().address());
            case "dnsjava" -> new DnsjavaCachedLookup(startUpstream().address());
            case "jdk" -> new JdkCachedLookup();
            default -> throw new IllegalArgumentException("impl must be hostdns, netty, dnsjava or jdk, was " + impl);
        };
    }

    private BenchUpstream startUpstream() {
        BenchUpstream started = BenchUpstream.start(upstream);
        server = started;
        System.out.println("# upstream used to warm the " + impl + " cache: " + started.label());
        return started;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (lookup != null) {
                lookup.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Benchmark
    public Object cachedLookup() {
        return lookup.lookup();
    }
}
