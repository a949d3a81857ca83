package io.hostdns.benchmarks;

import io.hostdns.benchmarks.anchors.DnsjavaSequentialClient;
import io.hostdns.benchmarks.anchors.NettySequentialClient;
import io.hostdns.benchmarks.hostdns.HostdnsHedgedClient;
import io.hostdns.benchmarks.upstream.BenchUpstream;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.benchmarks.upstream.BlackHole;
import io.hostdns.benchmarks.upstream.DelayingResponder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
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
 * One upstream slow or dead, one fast: the latency distribution (SampleTime: p50, p99) of one uncached
 * A query through two upstreams configured in that order. The first is in process on loopback:
 * {@code slow=delay200} answers every query 200 ms late ({@link DelayingResponder}), {@code slow=blackhole}
 * never answers ({@link BlackHole}); the second is the fast upstream ({@code upstream=nsd}, or
 * {@code inprocess}, labelled). One op = send one query and wait until it has ended.
 *
 * <p>Impls: {@code hostdns} (core hedge, fixed {@link #HEDGE_DELAY}, 2 s per attempt), {@code hostdns-group}
 * ({@code UpstreamGroup} with the adaptive hedge, 2 s per attempt), {@code netty} ({@code DnsNameResolver},
 * sequential servers) and {@code dnsjava} ({@code ExtendedResolver}, in order, but servers that failed before
 * go last) — the last two with a
 * per-query timeout of {@link #ANCHOR_TIMEOUT}, which bounds them (a black-holed first server costs them
 * that timeout on every query). Failures are counted as in {@link UncachedQueriesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HedgingBenchmark {

    /** hostdns' fixed hedge delay. */
    public static final Duration HEDGE_DELAY = Duration.ofMillis(20);
    /** Netty's and dnsjava's per-query (per-server) timeout here; keeps every op under ~1 s. */
    public static final Duration ANCHOR_TIMEOUT = Duration.ofSeconds(1);
    /** The slow upstream's delay with {@code slow=delay200}. */
    public static final long SLOW_DELAY_MILLIS = 200;

    @Param({"hostdns", "hostdns-group", "netty", "dnsjava"})
    public String impl = "hostdns";

    @Param({"delay200", "blackhole"})
    public String slow = "delay200";

    @Param({"nsd"})
    public String upstream = "nsd";

    private @Nullable BenchUpstream slowServer;
    private @Nullable BenchUpstream fastServer;
    private @Nullable UncachedClient client;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchUpstream fast = BenchUpstream.start(upstream);
        fastServer = fast;
        try {
            BenchUpstream first = switch (slow) {
                case "delay200" -> DelayingResponder.start(SLOW_DELAY_MILLIS);
                case "blackhole" -> BlackHole.start();
                default -> throw new IllegalArgumentException("slow must be delay200 or blackhole, was " + slow);
            };
            slowServer = first;
            System.out.println("# first (slow) upstream: " + first.label());
            System.out.println("# second (fast) upstream: " + fast.label());
            client = create(impl, first.address(), fast.address());
            System.out.println("# client: " + client);
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /** The client named {@code impl} over {@code slow}, then {@code fast}. */
    static UncachedClient create(String impl, InetSocketAddress slow, InetSocketAddress fast) {
        return switch (impl) {
            case "hostdns" -> HostdnsHedgedClient.fixedHedge(slow, fast, HEDGE_DELAY);
            case "hostdns-group" -> HostdnsHedgedClient.adaptiveGroup(slow, fast);
            case "netty" -> new NettySequentialClient(List.of(slow, fast), ANCHOR_TIMEOUT.toMillis());
            case "dnsjava" -> new DnsjavaSequentialClient(List.of(slow, fast), ANCHOR_TIMEOUT);
            default -> throw new IllegalArgumentException(
                    "impl must be hostdns, hostdns-group, netty or dnsjava, was " + impl);
        };
    }

    @Benchmark
    public void query(QueryOutcomes outcomes) {
        int index = next;
        next = index + 1 == BenchZone.SIZE ? 0 : index + 1;
        outcomes.beforeSend(1);
        client.query(index, outcomes);
        outcomes.drain(); // one query at a time: the sample is this query's latency
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            try {
                if (slowServer != null) {
                    slowServer.close();
                }
            } finally {
                if (fastServer != null) {
                    fastServer.close();
                }
            }
        }
    }
}
