package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.upstream.AnswerPredicate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Starts the upstreams one after the other, without stopping the earlier ones: upstream i+1 starts
 * when nothing acceptable arrived within {@link HedgeDelay#after} of starting upstream i, or at once
 * when upstream i failed with an error or gave a rejected answer (no error waits out the delay). The
 * first acceptable answer wins and every other attempt is cancelled. When none is acceptable: the last
 * rejected answer, if any; else the most informative error, the others suppressed.
 *
 * <p>It counts hedges: {@link #hedgesFired()} is how often a delay ran out and started the next upstream,
 * {@link #hedgesWon()} how often the answer then came from an attempt that only started because of such a
 * timer. Two adders, touched only when a hedge fires.
 */
public final class HedgeCombinator implements Combinator {

    private final HedgeDelay delay;
    private final AnswerPredicate predicate;
    private final Scheduler scheduler;
    private final LongAdder fired = new LongAdder();
    private final LongAdder won = new LongAdder();

    /**
     * @param delay     the wait before starting the next upstream
     * @param predicate which answers win
     * @param scheduler runs the delay timers and is the clock for {@link Answer#elapsed()}
     */
    public HedgeCombinator(HedgeDelay delay, AnswerPredicate predicate, Scheduler scheduler) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Mono<Answer> resolve(Query query, List<? extends Resolver> upstreams) {
        return Mono.defer(() -> {
            Resolution resolution = new Resolution(scheduler);
            return attemptsFrom(0, upstreams, query, resolution, false)
                    .takeUntil(result -> result.acceptedBy(predicate))
                    .collectList()
                    .flatMap(results -> {
                        @Nullable AttemptResult last = results.isEmpty() ? null : results.get(results.size() - 1);
                        if (last != null && last.hedged() && last.acceptedBy(predicate)) {
                            won.increment();
                        }
                        return resolution.conclude(results, predicate, Failures::mostInformative);
                    });
        });
    }

    /** How often a hedge delay ran out and started the next upstream. */
    public long hedgesFired() {
        return fired.sum();
    }

    /** How often the answer came from an attempt that a hedge timer started. */
    public long hedgesWon() {
        return won.sum();
    }

    /**
     * The results of upstream {@code i} and, once its trigger fires, of those after it; {@code hedged} when a
     * hedge timer started this attempt or one before it in the chain.
     */
    private Flux<AttemptResult> attemptsFrom(int i, List<? extends Resolver> upstreams, Query query,
                                             Resolution resolution, boolean hedged) {
        return Flux.defer(() -> {
            Resolver upstream = upstreams.get(i);
            Mono<AttemptResult> own = resolution.attempt(upstream, query);
            Mono<AttemptResult> attempt = hedged ? own.map(AttemptResult::asHedged) : own;
            if (i == upstreams.size() - 1) {
                return attempt.flux();
            }
            // publish() shares the one attempt between the output and the trigger that starts the next.
            return attempt.flux().publish(shared -> {
                Mono<Void> timerFired = Mono.delay(delay.after(Resolution.idOf(upstream)), scheduler).then();
                // An accepted result completes this empty; never() keeps it from counting as a signal.
                Mono<Void> failedOrRejected = shared.filter(result -> !result.acceptedBy(predicate))
                        .next().switchIfEmpty(Mono.never()).then();
                Flux<AttemptResult> next = Mono.firstWithSignal(timerFired.thenReturn(Boolean.TRUE),
                                failedOrRejected.thenReturn(Boolean.FALSE))
                        .flatMapMany(byTimer -> {
                            if (byTimer) {
                                fired.increment();
                            }
                            return attemptsFrom(i + 1, upstreams, query, resolution, hedged || byTimer);
                        });
                return Flux.merge(shared, next);
            });
        });
    }
}
