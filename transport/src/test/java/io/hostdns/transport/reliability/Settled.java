package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits (bounded) for a pipeline to settle after a query: nothing pending anywhere. */
final class Settled {

    private Settled() {
    }

    /** No UDP query waiting for an upstream, no slot of the concurrency cap taken; within 3 s. */
    static void nothingPending(ForwardingPipeline pipeline) throws InterruptedException {
        boolean settled = await(() -> pipeline.pendingUpstreamQueries() == 0 && pipeline.limiter.inFlight() == 0,
                Duration.ofSeconds(3));
        assertThat(settled).as("pending upstream queries %d, limiter in flight %d",
                pipeline.pendingUpstreamQueries(), pipeline.limiter.inFlight()).isTrue();
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code limit} passes; whether it held. */
    static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
