package io.hostdns.transport.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for test threads (never an event loop) waiting on real-time socket effects. */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds, at most {@code max}; fails the test with {@code what} otherwise. */
    public static void until(Duration max, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
