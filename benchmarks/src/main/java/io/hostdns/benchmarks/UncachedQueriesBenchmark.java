package io.hostdns.benchmarks;

import io.hostdns.benchmarks.anchors.DnsjavaUncachedClient;
import io.hostdns.benchmarks.anchors.NettyUncachedClient;
import io.hostdns.benchmarks.hostdns.HostdnsUdpClient;
import io.hostdns.benchmarks.upstream.BenchUpstream;
import io.hostdns.benchmarks.upstream.BenchZone;
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
 * The miss path: uncached A queries for the 1000 names of the bench zone, round robin, with up to
 * {@code inflight} on the wire at once (in waves, see {@link QueryOutcomes}), against an authoritative upstream
 * on loopback ({@code upstream=nsd}, started here, or {@code inprocess}). One op = one query; the waves and the
 * drain at the end of each iteration make the queries counted the queries completed.
 * Every query must be answered correctly: {@code failures} (an aux counter) above 0 makes the run INVALID.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UncachedQueriesBenchmark {

    @Param({"hostdns", "netty", "dnsjava"})
    public String impl = "hostdns";

    @Param({"1", "64", "256"})
    public int inflight = 64;

    @Param({"nsd"})
    public String upstream = "nsd";

    private @Nullable BenchUpstream server;
    private @Nullable UncachedClient client;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchUpstream started = BenchUpstream.start(upstream);
        server = started;
        System.out.println("# upstream: " + started.label());
        try {
            client = switch (impl) {
                case "hostdns" -> new HostdnsUdpClient(started.address());
                case "netty" -> new NettyUncachedClient(started.address());
                case "dnsjava" -> new DnsjavaUncachedClient(started.address());
                default -> throw new IllegalArgumentException("impl must be hostdns, netty or dnsjava, was " + impl);
            };
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Benchmark
    public void query(QueryOutcomes outcomes) {
        outcomes.beforeSend(inflight);
        int index = next;
        next = index + 1 == BenchZone.SIZE ? 0 : index + 1;
        client.query(index, outcomes);
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
