package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.trace.QueryTrace.Event.StageOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tracing put around any {@link Stage}, the same way for each: for a query whose Context carries a
 * {@link QueryTrace}, the stage records that it passed the query on (when it asks {@code next}), that it
 * answered it (an answer that did not come from {@code next}: a cache hit, a static host...) or that it
 * failed it (an error that did not come from {@code next}). Entering a stage is not recorded: each stage the
 * query reaches records exactly one of those, in order.
 *
 * <p>What came from {@code next} is told apart per resolution: the wrapper puts a {@link Visit} into the
 * Context under a key of its own, and the {@code next} it gives the stage notes into it what it passed up.
 * Calls the stage makes outside the query's Context (a cache's background refresh) record nothing. Without a
 * trace in the Context the wrapper calls through.
 */
final class TracedStage {

    private TracedStage() {
    }

    /** What one traced resolution saw come back from the stage's {@code next}. */
    private static final class Visit {
        volatile @Nullable Answer fromNext;
        volatile @Nullable Throwable failureFromNext;
    }

    /** {@code stage} in front of {@code next} (already traced), recording into the query's trace. */
    static Resolver around(Stage stage, Resolver next) {
        Object key = new Object(); // this stage instance's slot in the Context
        Resolver noting = query -> Mono.deferContextual(context -> {
            Visit visit = context.getOrDefault(key, null);
            QueryTrace trace = QueryTrace.current(context);
            if (visit == null || trace == null) {
                return next.resolve(query);
            }
            trace.record(new QueryTrace.Event.Stage(stage.name(), StageOutcome.PASSED_ON, stage.passedOnDetail()));
            return next.resolve(query)
                    .doOnNext(answer -> visit.fromNext = answer)
                    .doOnError(error -> visit.failureFromNext = error);
        });
        Resolver traced = stage.tracedAround(noting);
        return query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace == null) {
                return traced.resolve(query);
            }
            Visit visit = new Visit();
            return traced.resolve(query)
                    .doOnNext(answer -> {
                        if (answer != visit.fromNext) {
                            trace.record(new QueryTrace.Event.Stage(stage.name(), StageOutcome.ANSWERED,
                                    stage.answeredDetail(answer)));
                        }
                    })
                    .doOnError(error -> {
                        if (error != visit.failureFromNext) {
                            trace.record(new QueryTrace.Event.Stage(stage.name(), StageOutcome.FAILED, error.toString()));
                        }
                    })
                    .contextWrite(c -> c.put(key, visit));
        });
    }
}
