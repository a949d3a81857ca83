package io.hostdns.benchmarks;

import io.hostdns.core.Protocol;
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
 * The DNS server's cache-hit path in process, without sockets: request bytes in, reply bytes out. One op =
 * one request packet (A {@code h0001.bench.test.}, RD, EDNS 1232, as {@code dig} sends it) through
 * {@link ServerFastPath}: with {@code impl=hostdns} the server's own decoding, pipeline (a prewarmed
 * {@code CachingResolver}) and reply writing ({@code QueryProcessor.process}, as the UDP listener calls it);
 * with {@code impl=dnsjava-message} the ANCHOR: what dnsjava costs to parse the request
 * ({@code new Message(bytes)}) and build a reply {@code Message} from an already known record
 * ({@code toWire()}) — no cache lookup, no pipeline, no EDNS handling beyond an OPT record.
 *
 * <p>{@code QueryProcessor} is package-private; the benchmark reaches it through
 * {@code io.hostdns.transport.server.ServerPathFixture} in transport's test-jar (a fixture documented as
 * existing for this benchmark), so no production API was added for it. A reply that is missing or not
 * NOERROR counts in {@code failures} (aux counter; above 0 = INVALID).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerFastPathBenchmark {

    @Param({"hostdns", "dnsjava-message"})
    public String impl = "hostdns";

    private @Nullable ServerFastPath path;

    /** Replies that were missing or wrong in the iteration, reported by JMH next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Replies {
        public long failures;
        long trialFailures;

        @Setup(Level.Iteration)
        public void reset() {
            failures = 0;
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.println("# trial totals: " + trialFailures + " failed"
                    + (trialFailures > 0 ? " -> INVALID RUN" : ""));
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        path = switch (impl) {
            case "hostdns" -> ServerFastPath.hostdns();
            case "dnsjava-message" -> ServerFastPath.dnsjavaMessage();
            default -> throw new IllegalArgumentException("impl must be hostdns or dnsjava-message, was " + impl);
        };
    }

    @Benchmark
    public byte @Nullable [] reply(Replies replies) {
        byte[] reply = path.reply(ServerFastPath.REQUEST, Protocol.UDP);
        if (reply == null || (reply[3] & 0x0F) != 0) {
            replies.failures++;
            replies.trialFailures++;
        }
        return reply;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (path != null) {
            path.close();
        }
    }
}
