package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The bookkeeping of one combinator resolution: when it started (on the scheduler's clock), how many
 * attempts it started, and how its attempt results become the one answer or error it emits.
 */
final class Resolution {

    private final Scheduler scheduler;
    private final long startNanos;
    private final AtomicInteger started = new AtomicInteger();

    Resolution(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.startNanos = scheduler.now(TimeUnit.NANOSECONDS);
    }

    /** A lazy attempt to {@code upstream}; its errors become failed results, so it never errors. */
    Mono<AttemptResult> attempt(Upstream upstream, Query query) {
        return Mono.defer(() -> {
                    started.incrementAndGet();
                    return upstream.resolver().resolve(query);
                })
                .map(answer -> AttemptResult.answered(upstream.id(), answer))
                .switchIfEmpty(Mono.fromSupplier(() -> AttemptResult.failed(upstream.id(),
                        MalformedResponseException.noAnswer(upstream.id(), query))))
                .onErrorResume(error -> Mono.just(AttemptResult.failed(upstream.id(), error)));
    }

    /**
     * The outcome of the results, in arrival order: the accepted answer if any; else the last answer
     * (every upstream that answered was rejected); else the error {@code errorChoice} builds from all errors.
     */
    Mono<Answer> conclude(List<AttemptResult> results, AnswerPredicate predicate,
                          Function<List<Throwable>, Throwable> errorChoice) {
        Answer last = null;
        List<Throwable> errors = new ArrayList<>();
        for (AttemptResult result : results) {
            if (result.acceptedBy(predicate)) {
                return Mono.just(stamp(result.answer()));
            }
            if (result.answer() != null) {
                last = result.answer();
            } else if (result.error() != null) {
                errors.add(result.error());
            }
        }
        if (last != null) {
            return Mono.just(stamp(last));
        }
        if (errors.isEmpty()) {
            return Mono.error(new IllegalStateException("no upstream was attempted"));
        }
        return Mono.error(errorChoice.apply(errors));
    }

    private Answer stamp(Answer answer) {
        Duration elapsed = Duration.ofNanos(scheduler.now(TimeUnit.NANOSECONDS) - startNanos);
        return answer.withAttempts(started.get()).withElapsed(elapsed);
    }
}
