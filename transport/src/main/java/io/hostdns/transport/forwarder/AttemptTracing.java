package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.trace.QueryTrace.Event.AttemptOutcome;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The tracing of one upstream's stack: put between its group and the rest of its stack, it records every
 * attempt of a traced query. The groups are shared by the plain and the traced chain (they hold the
 * upstreams' health), so this wrapper looks the trace up in the Context of each attempt.
 */
final class AttemptTracing {

    private AttemptTracing() {
    }

    /**
     * {@code upstream} recording each attempt into the query's trace (hedge flag, latency, rcode or failure,
     * cancellation); without a trace in the Context it only looks the Context up and calls through.
     */
    static Upstream around(Upstream upstream, Scheduler clock) {
        Resolver inner = upstream.resolver();
        Resolver traced = query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace == null) {
                return inner.resolve(query);
            }
            return Mono.defer(() -> {
                boolean hedge = trace.attemptStarted();
                long start = clock.now(TimeUnit.NANOSECONDS);
                AtomicBoolean ended = new AtomicBoolean();
                return inner.resolve(query)
                        .doOnNext(answer -> end(trace, ended, upstream, hedge, start, clock, AttemptOutcome.ANSWERED,
                                answer, null))
                        .doOnError(error -> end(trace, ended, upstream, hedge, start, clock, AttemptOutcome.FAILED,
                                null, error))
                        .doOnCancel(() -> end(trace, ended, upstream, hedge, start, clock, AttemptOutcome.CANCELLED,
                                null, null));
            });
        });
        return new Upstream(upstream.id(), traced);
    }

    private static void end(QueryTrace trace, AtomicBoolean ended, Upstream upstream, boolean hedge, long start,
                            Scheduler clock, AttemptOutcome outcome, @Nullable Answer answer,
                            @Nullable Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        trace.attemptEnded();
        Duration latency = Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS) - start);
        trace.record(new QueryTrace.Event.Attempt(upstream.id(), hedge, latency, outcome,
                answer == null ? -1 : answer.rcode(), error == null ? null : error.toString()));
    }
}
