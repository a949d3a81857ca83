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
 * Asks every upstream at once; the first answer the predicate accepts wins and every other attempt
 * is cancelled. When none is acceptable: the last rejected answer to arrive, if any; else, every
 * attempt failed, the most informative error with the others as suppressed: a malformed response
 * (the server is alive but answered badly), else a timeout, else another network error, else
 * "unreachable", else any other error; the later one among equals.
 */
public final class RaceCombinator implements Combinator {

    private final AnswerPredicate predicate;
    private final Scheduler scheduler;

    /**
     * @param predicate which answers win
     * @param scheduler the clock for {@link Answer#elapsed()}
     */
    public RaceCombinator(AnswerPredicate predicate, Scheduler scheduler) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Mono<Answer> resolve(Query query, List<? extends Resolver> upstreams) {
        return Mono.defer(() -> {
            Resolution resolution = new Resolution(scheduler);
            return Flux.fromIterable(upstreams)
                    .flatMap(upstream -> resolution.attempt(upstream, query), Math.max(1, upstreams.size()))
                    // takeUntil cancels the flatMap, hence every attempt still running.
                    .takeUntil(result -> result.acceptedBy(predicate))
                    .collectList()
                    .flatMap(results -> resolution.conclude(results, predicate, Failures::mostInformative));
        });
    }
}
