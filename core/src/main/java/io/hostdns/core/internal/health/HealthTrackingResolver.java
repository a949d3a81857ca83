package io.hostdns.core.internal.health;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Records every attempt through it in a {@link HealthRegistry}: the outcome of the answer or error and,
 * when a response arrived, its RTT on the scheduler's clock. A cancelled attempt (a race or hedge lost,
 * a deadline hit outside) is not the upstream's failure and counts no outcome; but the time it waited is
 * a lower bound of the upstream's RTT and is learned as such ({@link HealthRegistry#recordUnanswered}),
 * so that an upstream that keeps losing hedges sinks in health order instead of being asked first
 * forever. An answer that took more than one datagram ({@link Answer#attempts()} above 1: retransmitted, or
 * truncated and asked again over TCP) is a success without an RTT sample (Karn's rule). Put per-attempt
 * timeouts inside this decorator so that they are recorded as TIMEOUT.
 */
public final class HealthTrackingResolver implements Resolver {

    private final UpstreamId upstream;
    private final Resolver delegate;
    private final HealthRegistry registry;
    private final Scheduler clock;
    private final Function<Answer, UpstreamStatus.Outcome> answerOutcome;

    /**
     * @param upstream the upstream {@code delegate} asks
     * @param delegate the attempt itself
     * @param registry where outcomes go
     * @param clock    the scheduler whose clock measures RTT
     */
    public HealthTrackingResolver(UpstreamId upstream, Resolver delegate, HealthRegistry registry, Scheduler clock) {
        this(upstream, delegate, registry, clock, UpstreamStatus.Outcome::of);
    }

    /** As above, with the outcome of each answer decided by {@code answerOutcome} (probes: any answer is OK). */
    HealthTrackingResolver(UpstreamId upstream, Resolver delegate, HealthRegistry registry, Scheduler clock,
                           Function<Answer, UpstreamStatus.Outcome> answerOutcome) {
        this.answerOutcome = Objects.requireNonNull(answerOutcome, "answerOutcome");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code upstream} with its attempts recorded in {@code registry}. */
    public static Upstream track(Upstream upstream, HealthRegistry registry, Scheduler clock) {
        return new Upstream(upstream.id(),
                new HealthTrackingResolver(upstream.id(), upstream.resolver(), registry, clock));
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.defer(() -> {
            Attempt attempt = new Attempt(clock.now(TimeUnit.NANOSECONDS));
            return delegate.resolve(query)
                    .doOnNext(attempt::answered)
                    .doOnError(attempt::failed)
                    .doOnCancel(attempt::cancelled);
        });
    }

    /**
     * One attempt's record: its first signal decides. A cancel after the answer (a combinator that stops its
     * source once it has the value) is not an unanswered attempt; without the flag it added the attempt's time
     * to the RTT a second time, and a retransmitted answer's whole wait despite Karn's rule.
     */
    private final class Attempt {
        private final long start;
        private volatile boolean ended;

        Attempt(long start) {
            this.start = start;
        }

        void answered(Answer answer) {
            ended = true;
            registry.record(upstream, answerOutcome.apply(answer), roundTrip(answer), null);
        }

        void failed(Throwable error) {
            ended = true;
            registry.record(upstream, UpstreamStatus.Outcome.of(error), null, error);
        }

        void cancelled() {
            if (!ended) {
                registry.recordUnanswered(upstream, elapsed());
            }
        }

        /**
         * The attempt's time as an RTT sample, or null when the answer took more than one datagram (a
         * retransmission, a TCP retry after truncation): that time includes the wait before the repeat, not one
         * round trip, and which send was answered is not known here (Karn's rule). It still counts as a success.
         */
        private @Nullable Duration roundTrip(Answer answer) {
            return answer.attempts() > 1 ? null : elapsed();
        }

        private Duration elapsed() {
            return Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS) - start);
        }
    }
}
