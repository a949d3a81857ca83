package io.hostdns.benchmarks;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link QueryOutcome} for tests: counts outcomes, keeps failures, and lets the test wait for n of them. */
final class RecordingOutcome implements QueryOutcome {

    final AtomicInteger answered = new AtomicInteger();
    final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended;

    RecordingOutcome(int expected) {
        this.ended = new CountDownLatch(expected);
    }

    @Override
    public void answered() {
        answered.incrementAndGet();
        ended.countDown();
    }

    @Override
    public void failed(Throwable cause) {
        failures.add(cause);
        ended.countDown();
    }

    boolean awaitAll() throws InterruptedException {
        return ended.await(5, TimeUnit.SECONDS);
    }
}
