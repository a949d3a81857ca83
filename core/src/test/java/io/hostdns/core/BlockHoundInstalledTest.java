package io.hostdns.core;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Guards the test setup itself: BlockHound must be active in this JVM, or "non-blocking" is untested. */
class BlockHoundInstalledTest {

    @Test
    void blockingCallOnANonBlockingThread_isReported() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1); // the blocking call under test: BlockHound rejects it on this thread before it sleeps
            return 1;
        }).subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
    }
}
