package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.upstream.AnswerPredicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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

    /** A lazy attempt to {@code member}; its errors become failed results, so it never errors. */
    Mono<AttemptResult> attempt(Resolver member, Query query) {
        return Mono.defer(() -> {
                    started.incrementAndGet();
                    return member.resolve(query);
                })
                .map(AttemptResult::answered)
                .switchIfEmpty(Mono.fromSupplier(() -> AttemptResult.failed(
                        MalformedResponseException.noAnswer(idOf(member), query))))
                .onErrorResume(error -> Mono.just(AttemptResult.failed(error)));
    }

    /** The id of a member that is an {@link Upstream}; null for a plain resolver. */
    static @Nullable UpstreamId idOf(Resolver member) {
        return member instanceof Upstream upstream ? upstream.id() : null;
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
