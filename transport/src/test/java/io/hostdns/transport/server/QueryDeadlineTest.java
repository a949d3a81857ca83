package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class QueryDeadlineTest {

    /** A timer that remembers what was scheduled on it. */
    private static final class RecordingTimer extends ScheduledThreadPoolExecutor {
        final List<ScheduledFuture<?>> armed = new CopyOnWriteArrayList<>();

        RecordingTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            ScheduledFuture<?> future = super.schedule(command, delay, unit);
            armed.add(future);
            return future;
        }
    }

    private final RecordingTimer timer = new RecordingTimer();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void within_armsNoTimer_whenAnswerArrivesDuringSubscription() {
        StepVerifier.create(QueryDeadline.within(Mono.just("hit"), Duration.ofSeconds(1), timer, TimeoutException::new))
                .expectNext("hit")
                .verifyComplete();

        assertThat(timer.armed).isEmpty();
    }

    @Test
    void within_errorsAndCancelsSource_whenDeadlinePasses() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> never = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(QueryDeadline.within(never, Duration.ofMillis(50), timer, TimeoutException::new))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(2));

        assertThat(cancelled).isTrue();
    }

    @Test
    void within_passesLateAnswer_andDisarmsTimer() {
        Mono<String> slow = Mono.delay(Duration.ofMillis(30)).thenReturn("late");

        StepVerifier.create(QueryDeadline.within(slow, Duration.ofSeconds(5), timer, TimeoutException::new))
                .expectNext("late")
                .verifyComplete();

        assertThat(timer.armed).hasSize(1);
        assertThat(timer.armed.get(0).isCancelled()).isTrue();
    }

    @Test
    void within_cancelledByDownstream_cancelsSourceAndTimer() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> never = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

        Disposable subscription = QueryDeadline.within(never, Duration.ofSeconds(5), timer, TimeoutException::new).subscribe();
        subscription.dispose();

        assertThat(cancelled).isTrue();
        assertThat(timer.armed).singleElement().satisfies(f -> assertThat(f.isCancelled()).isTrue());
    }

    @Test
    void within_passesSourceErrors() {
        StepVerifier.create(QueryDeadline.within(Mono.error(new IllegalStateException("boom")), Duration.ofSeconds(1),
                        timer, TimeoutException::new))
                .expectErrorMessage("boom")
                .verify(Duration.ofSeconds(2));
    }
}
