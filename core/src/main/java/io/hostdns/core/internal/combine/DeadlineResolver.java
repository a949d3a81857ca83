package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Gives each resolution of the resolver it wraps one overall time budget, in milliseconds. When it
 * runs out, the resolution is cancelled and fails with a {@link DnsTimeoutException} whose upstream is
 * null. The deadline travels in the subscriber context so that per-attempt timeouts inside
 * ({@link AttemptTimeoutResolver}) are cut to what remains; nested deadlines keep the earlier expiry.
 */
public final class DeadlineResolver implements Resolver {

    private final Resolver delegate;
    private final Duration budget;
    private final Scheduler scheduler;

    /**
     * @param delegate  what to run under the deadline
     * @param budget    the overall budget per query, at least 1 ms
     * @param scheduler runs the timer and is the clock
     */
    public DeadlineResolver(Resolver delegate, Duration budget, Scheduler scheduler) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (budget.toMillis() < 1) {
            throw new IllegalArgumentException("deadline must be at least 1 ms, was " + budget);
        }
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.deferContextual(context -> {
            long now = scheduler.now(TimeUnit.MILLISECONDS);
            long expiry = now + budget.toMillis();
            Duration whole = budget;
            Deadline outer = context.getOrDefault(Deadline.KEY, null);
            if (outer != null && outer.expiresAtMillis() < expiry) {
                expiry = outer.expiresAtMillis();
                whole = outer.budget();
            }
            if (expiry <= now) {
                return Mono.error(new DnsTimeoutException(null, whole));
            }
            Deadline deadline = new Deadline(expiry, whole);
            Duration timeoutError = whole;
            return delegate.resolve(query)
                    .timeout(Duration.ofMillis(expiry - now),
                            Mono.error(() -> new DnsTimeoutException(null, timeoutError)), scheduler)
                    .contextWrite(c -> c.put(Deadline.KEY, deadline));
        });
    }
}
