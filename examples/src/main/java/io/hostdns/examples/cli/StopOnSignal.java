package io.hostdns.examples.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM: the JVM's shutdown) into a stop signal for {@code serve}: a shutdown hook
 * completes {@link #fired()} and then waits, at most {@value #WAIT_SECONDS} s, until the command has
 * cleaned up and called {@link #done()}, so the JVM does not exit under a half-closed forwarder. When the
 * command stops for another reason, {@link #done()} removes the hook again.
 */
final class StopOnSignal {

    static final long WAIT_SECONDS = 15;

    private final Sinks.Empty<Void> fired = Sinks.empty();
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final AtomicBoolean hookRunning = new AtomicBoolean();
    private final Thread hook = new Thread(this::onShutdown, "hostdns-shutdown");

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Completes when the JVM is shutting down. */
    Mono<Void> fired() {
        return fired.asMono();
    }

    /** Says the command has cleaned up; removes the hook unless it is the reason we stopped. */
    void done() {
        cleanedUp.countDown();
        if (!hookRunning.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // the JVM began shutting down just now: the hook runs, finds cleanedUp counted down, returns
            }
        }
    }

    private void onShutdown() {
        hookRunning.set(true);
        fired.tryEmitEmpty();
        try {
            if (!cleanedUp.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("hostdns serve: clean shutdown took longer than " + WAIT_SECONDS + " s; exiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
