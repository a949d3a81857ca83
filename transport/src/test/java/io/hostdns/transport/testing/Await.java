package io.hostdns.transport.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for an effect in real time (a socket closed, a listener rebuilt, a process
 * answering): poll a condition, bounded, on a test thread (never an event loop). Tests never sleep a fixed
 * time; what has a clock of its own uses reactor-test's virtual time instead.
 */
public final class Await {

    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Waits until {@code condition} holds, at most {@code max}; fails the test with {@code what} otherwise. */
    public static void until(Duration max, String what, BooleanSupplier condition) {
        until(max, () -> what, condition);
    }

    /**
     * Waits until {@code condition} holds, at most {@code max}; fails the test otherwise, with {@code what}
     * evaluated then (so that it can report the state the condition saw last).
     */
    public static void until(Duration max, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get(), e);
            }
        }
    }
}
