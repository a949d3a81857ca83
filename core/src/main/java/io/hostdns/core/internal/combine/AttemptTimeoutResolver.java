package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * Bounds one attempt to one upstream: the attempt is cancelled and fails with a
 * {@link DnsTimeoutException} naming the upstream after min(attempt timeout, what remains of the
 * enclosing {@link DeadlineResolver}'s budget), in milliseconds. An attempt is not started at all
 * when the enclosing deadline has already run out (the error then has a null upstream).
 *
 * <p>The attempt's subscriber is also its timer task ({@link TimedAttempt}): this sits on every miss,
 * and Reactor's general {@code timeout} operator costs several objects and a {@code Mono.delay} per query.
 */
public final class AttemptTimeoutResolver implements Resolver {

    private final @Nullable UpstreamId upstream;
    private final Resolver delegate;
    private final long timeoutMillis;
    private final Scheduler scheduler;

    /**
     * @param upstream  named in the timeout error; null when the attempt is not to one upstream
     * @param delegate  the attempt itself
     * @param timeout   the per-attempt timeout, at least 1 ms
     * @param scheduler runs the timer and is the clock
     */
    public AttemptTimeoutResolver(@Nullable UpstreamId upstream, Resolver delegate, Duration timeout,
                                  Scheduler scheduler) {
        this.upstream = upstream;
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (Objects.requireNonNull(timeout, "timeout").toMillis() < 1) {
            throw new IllegalArgumentException("attempt timeout must be at least 1 ms, was " + timeout);
        }
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return new Attempt(query);
    }

    /** One attempt per subscription, as {@code Mono.defer} would make it, bounded as the class says. */
    private final class Attempt extends Mono<Answer> {
        private final Query query;

        Attempt(Query query) {
            this.query = query;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Answer> actual) {
            long millis = timeoutMillis;
            Deadline deadline = actual.currentContext().getOrDefault(Deadline.KEY, null);
            if (deadline != null) {
                long remaining = deadline.expiresAtMillis() - scheduler.now(TimeUnit.MILLISECONDS);
                if (remaining <= 0) {
                    Operators.error(actual, new DnsTimeoutException(null, deadline.budget()));
                    return;
                }
                millis = Math.min(millis, remaining);
            }
            Mono<Answer> attempt;
            try {
                attempt = Objects.requireNonNull(delegate.resolve(query), "the delegate returned a null Mono");
            } catch (Throwable e) {
                Operators.error(actual, Operators.onOperatorError(e, actual.currentContext()));
                return;
            }
            attempt.subscribe(new TimedAttempt(actual, upstream, millis, scheduler));
        }
    }
}
