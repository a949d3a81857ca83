package io.hostdns.benchmarks;

import io.hostdns.benchmarks.anchors.DnsjavaBurstClient;
import io.hostdns.benchmarks.anchors.NettyBurstClient;
import io.hostdns.benchmarks.hostdns.HostdnsBurstClient;
import io.hostdns.benchmarks.upstream.BenchUpstream;
import io.hostdns.benchmarks.upstream.BenchZone;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * A thundering herd: {@code burst} concurrent lookups of the same name that is not cached, against the
 * upstream. One op = forget the name, start all lookups back to back, wait until every one has its answer;
 * the score is the time until the last answer. {@code upstreamQueries} / {@code bursts} (aux counters) is
 * how many queries each herd cost on the wire: 1 when identical misses are coalesced.
 *
 * <p>{@code netty} is Netty's default (no consolidation); {@code netty-consolidate} turns on its
 * {@code consolidateCacheSize} option. Failures are counted as in {@link UncachedQueriesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoalescingBenchmark {

    @Param({"hostdns", "netty", "netty-consolidate", "dnsjava"})
    public String impl = "hostdns";

    @Param({"1000"})
    public int burst = 1000;

    @Param({"nsd"})
    public String upstream = "nsd";

    private @Nullable BenchUpstream server;
    private @Nullable BurstClient client;
    private int next;

    /** Upstream queries and herds of the iteration, reported by JMH next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Herds {
        public long upstreamQueries;
        public long bursts;

        @Setup(Level.Iteration)
        public void reset() {
            upstreamQueries = 0;
            bursts = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchUpstream started = BenchUpstream.start(upstream);
        server = started;
        System.out.println("# upstream: " + started.label());
        try {
            client = switch (impl) {
                case "hostdns" -> new HostdnsBurstClient(started.address());
                case "netty" -> new NettyBurstClient(started.address(), 0);
                case "netty-consolidate" -> new NettyBurstClient(started.address(), BenchZone.SIZE);
                case "dnsjava" -> new DnsjavaBurstClient(started.address());
                default -> throw new IllegalArgumentException(
                        "impl must be hostdns, netty, netty-consolidate or dnsjava, was " + impl);
            };
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Benchmark
    public void herd(QueryOutcomes outcomes, Herds herds) {
        int index = next;
        next = index + 1 == BenchZone.SIZE ? 0 : index + 1;
        client.forget(index);
        long before = client.upstreamQueries();
        for (int i = 0; i < burst; i++) {
            outcomes.beforeSend(burst);
            client.resolve(index, outcomes);
        }
        outcomes.drain();
        herds.upstreamQueries += client.upstreamQueries() - before;
        herds.bursts++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
