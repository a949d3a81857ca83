package io.hostdns.benchmarks;

import io.hostdns.benchmarks.hostdns.HostdnsDnssecLookup;
import io.hostdns.core.Answer;
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
 * What DNSSEC validation costs per answer, on the calling thread and from memory (see
 * {@link HostdnsDnssecLookup}): {@code path=validated-miss} is a miss in a zone whose keys the validator
 * already holds (one ECDSA P-256 verification, the answer decoded and rebuilt); {@code validated-hit} and
 * {@code unvalidated-hit} are cache hits with and without the validator underneath, which should cost the
 * same. Run with {@code -prof gc} for bytes per answer. An answer without the expected AD bit or source
 * counts in {@code failures} (aux counter; above 0 = INVALID).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DnssecBenchmark {

    @Param({"validated-miss", "validated-hit", "unvalidated-hit"})
    public String path = "validated-miss";

    private @Nullable HostdnsDnssecLookup lookup;

    /** Answers that were not what the path must give, in the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Answers {
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
        lookup = new HostdnsDnssecLookup(path);
    }

    @Benchmark
    public Object resolve(Answers answers) {
        Answer answer = (Answer) lookup.lookup();
        if (!lookup.expected(answer)) {
            answers.failures++;
            answers.trialFailures++;
        }
        return answer;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (lookup != null) {
            lookup.close();
        }
    }
}
