package io.hostdns.transport.reliability;

import io.hostdns.transport.testing.Await;
import java.time.Duration;

/** Waits (bounded) for a pipeline to settle after a query: nothing pending anywhere. */
final class Settled {

    private Settled() {
    }

    /** No UDP query waiting for an upstream, no slot of the concurrency cap taken; within 3 s. */
    static void nothingPending(ForwardingPipeline pipeline) {
        Await.until(Duration.ofSeconds(3),
                () -> String.format("nothing pending; pending upstream queries %d, limiter in flight %d",
                        pipeline.pendingUpstreamQueries(), pipeline.limiter.inFlight()),
                () -> pipeline.pendingUpstreamQueries() == 0 && pipeline.limiter.inFlight() == 0);
    }
}
