package io.hostdns.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-flight control and the tally of {@link UncachedQueriesBenchmark}.
 *
 * <p>Queries go out in waves of {@code inflight}: {@link #beforeSend(int)} lets {@code inflight} queries
 * out back to back, then parks the benchmark thread until every one of them has ended, and the next wave
 * starts. So up to {@code inflight} queries are on the wire at once and their replies arrive in a burst
 * (what overflows a small receive buffer), while the benchmark thread wakes once per wave, not once per
 * reply: a thread hand-off per query would cost more than the query on 2 cores.
 *
 * <p>JMH reports {@link #answers()} and {@link #failures()} per iteration as secondary results; any failure
 * makes the run INVALID. Each iteration ends with no query outstanding, and the trial totals are printed.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class QueryOutcomes implements QueryOutcome {

    /** Longer than any client's 2 s query timeout: past it a query was lost by the client itself. */
    private static final long WAVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong trialAnswered = new AtomicLong();
    private final AtomicLong trialFailed = new AtomicLong();
    private final AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
    private volatile @Nullable Thread waiter;
    private int sentInWave;

    @Setup(Level.Iteration)
    public void resetIteration() {
        answered.set(0);
        failed.set(0);
    }

    /** Called by the benchmark thread before each query: waits for the previous wave once it is full. */
    void beforeSend(int inflight) {
        if (sentInWave == inflight) {
            awaitNoneOutstanding();
            sentInWave = 0;
        }
        sentInWave++;
        outstanding.incrementAndGet();
    }

    private void awaitNoneOutstanding() {
        waiter = Thread.currentThread();
        try {
            long deadline = System.nanoTime() + WAVE_TIMEOUT_NANOS;
            while (outstanding.get() != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(outstanding.get()
                            + " queries neither answered nor failed within 10 s: the client lost them");
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
    }

    /** Ends the iteration with no query outstanding, so none crosses into the next one. */
    @TearDown(Level.Iteration)
    public void drain() {
        awaitNoneOutstanding();
        sentInWave = 0;
    }

    @TearDown(Level.Trial)
    public void report() {
        long failures = trialFailed.get();
        System.out.println("# trial totals: " + trialAnswered.get() + " answered, " + failures + " failed"
                + (failures > 0 ? " -> INVALID RUN (first failure: " + firstFailure.get() + ")" : ""));
    }

    @Override
    public void answered() {
        answered.incrementAndGet();
        trialAnswered.incrementAndGet();
        ended();
    }

    @Override
    public void failed(Throwable cause) {
        failed.incrementAndGet();
        trialFailed.incrementAndGet();
        firstFailure.compareAndSet(null, cause);
        ended();
    }

    private void ended() {
        if (outstanding.decrementAndGet() == 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Queries answered correctly in this iteration. */
    public long answers() {
        return answered.get();
    }

    /** Queries failed in this iteration (timeouts, errors, wrong answers); must be 0. */
    public long failures() {
        return failed.get();
    }
}
