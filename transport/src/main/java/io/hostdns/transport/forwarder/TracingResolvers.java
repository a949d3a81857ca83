package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.trace.TraceEvent.AttemptOutcome;
import io.hostdns.core.trace.TraceEvent.StageOutcome;
import io.hostdns.core.trace.TraceEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The tracing decorators the assembly puts around each stage and each upstream: when the resolution's
 * Context holds a {@link QueryTrace} they record {@link TraceEvent}s into it; when it does not they only
 * look the Context up and call through.
 */
final class TracingResolvers {

    private TracingResolvers() {
    }

    /**
     * Records that {@code stage} passed the query on, at the moment {@code next} is asked. Wrap the
     * {@code next} a stage is given with this.
     */
    static Resolver passedOn(String stage, String detail, Resolver next) {
        return query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace != null) {
                trace.record(new TraceEvent.Stage(stage, StageOutcome.PASSED_ON, detail));
            }
            return next.resolve(query);
        });
    }

    /** Records that {@code stage} answered, when {@code resolver}'s answer has source {@code kind}. */
    static Resolver answeredAs(String stage, AnswerSource.Kind kind, String detail, Resolver resolver) {
        return query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace == null) {
                return resolver.resolve(query);
            }
            return resolver.resolve(query).doOnNext(answer -> {
                if (answer.source().kind() == kind) {
                    trace.record(new TraceEvent.Stage(stage, StageOutcome.ANSWERED, detail));
                }
            });
        });
    }

    /** Records cache hits and stale answers of {@code cache} (misses are recorded by its delegate). */
    static Resolver cache(Resolver cache) {
        return query -> Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace == null) {
                return cache.resolve(query);
            }
            return cache.resolve(query).doOnNext(answer -> {
                AnswerSource.Kind kind = answer.source().kind();
                if (kind == AnswerSource.Kind.CACHE || kind == AnswerSource.Kind.STALE) {
                    trace.record(new TraceEvent.Stage("cache", StageOutcome.ANSWERED,
                            kind == AnswerSource.Kind.CACHE ? "hit" : "stale"));
                }
            });
        });
    }

    /** {@code upstream} recording each attempt (hedge flag, latency, rcode or failure, cancellation). */
    static Upstream attempt(Upstream upstream, Scheduler clock) {
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
        trace.record(new TraceEvent.Attempt(upstream.id(), hedge, latency, outcome,
                answer == null ? -1 : answer.rcode(), error == null ? null : error.toString()));
    }
}
