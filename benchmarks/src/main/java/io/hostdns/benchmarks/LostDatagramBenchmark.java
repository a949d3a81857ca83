package io.hostdns.benchmarks;

import io.hostdns.benchmarks.hostdns.HostdnsGroupClient;
import io.hostdns.benchmarks.upstream.BenchUpstream;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.benchmarks.upstream.InProcessResponder;
import io.hostdns.benchmarks.upstream.LossyResponder;
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
 * What one lost datagram costs (issue 14, target 3): the latency distribution (SampleTime: p50, p99) of one
 * uncached A query through an upstream group of one UDP upstream (2 s per attempt, as the forwarder asks), when
 * the upstream drops the first datagram of every query ({@code loss=first}, {@link LossyResponder}: every answer
 * needs a retransmission) or none ({@code loss=none}, {@link InProcessResponder}: the round trip itself). With
 * {@code retransmissions=0} the client sends each query once, as before retransmission existed: a lost datagram
 * then costs the attempt timeout and the query fails. One op = one query, sent and ended.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LostDatagramBenchmark {

    @Param({"first", "none"})
    public String loss = "first";

    @Param({"3"})
    public int retransmissions = 3;

    private @Nullable BenchUpstream upstream;
    private @Nullable UncachedClient client;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        upstream = switch (loss) {
            case "first" -> LossyResponder.start();
            case "none" -> InProcessResponder.start();
            default -> throw new IllegalArgumentException("loss must be first or none, was " + loss);
        };
        System.out.println("# upstream: " + upstream.label());
        client = new HostdnsGroupClient(upstream.address(), retransmissions);
        System.out.println("# client: " + client);
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
            if (upstream != null) {
                upstream.close();
            }
        }
    }
}
