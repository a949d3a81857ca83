package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.AnswerPredicate;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Asks the upstreams one after the other: the next only when the current one failed with an error
 * (at once, whatever the error: an unreachable upstream costs no time) or gave an answer the predicate
 * rejects. When none is acceptable: the last rejected answer (e.g. every upstream said SERVFAIL), not
 * an error; when every attempt failed, the last upstream's error with the others as suppressed.
 */
public final class FallbackCombinator implements Combinator {

    private final AnswerPredicate predicate;
    private final Scheduler scheduler;

    /**
     * @param predicate which answers end the chain
     * @param scheduler the clock for {@link Answer#elapsed()}
     */
    public FallbackCombinator(AnswerPredicate predicate, Scheduler scheduler) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Mono<Answer> resolve(Query query, List<? extends Resolver> upstreams) {
        return Mono.defer(() -> {
            Resolution resolution = new Resolution(scheduler);
            return Flux.fromIterable(upstreams)
                    // concatMap subscribes to the next attempt only after the previous one completed.
                    .concatMap(upstream -> resolution.attempt(upstream, query))
                    .takeUntil(result -> result.acceptedBy(predicate))
                    .collectList()
                    .flatMap(results -> resolution.conclude(results, predicate, Failures::last));
        });
    }
}
