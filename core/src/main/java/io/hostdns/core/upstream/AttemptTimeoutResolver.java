package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Bounds one attempt to one upstream: the attempt is cancelled and fails with a
 * {@link DnsTimeoutException} naming the upstream after min(attempt timeout, what remains of the
 * enclosing {@link DeadlineResolver}'s budget), in milliseconds. An attempt is not started at all
 * when the enclosing deadline has already run out (the error then has a null upstream).
 */
public final class AttemptTimeoutResolver implements Resolver {

    private final UpstreamId upstream;
    private final Resolver delegate;
    private final Duration timeout;
    private final Scheduler scheduler;

    /**
     * @param upstream  named in the timeout error
     * @param delegate  the attempt itself
     * @param timeout   the per-attempt timeout, at least 1 ms
     * @param scheduler runs the timer and is the clock
     */
    public AttemptTimeoutResolver(UpstreamId upstream, Resolver delegate, Duration timeout, Scheduler scheduler) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("attempt timeout must be at least 1 ms, was " + timeout);
        }
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.deferContextual(context -> {
            long millis = timeout.toMillis();
            Deadline deadline = context.getOrDefault(Deadline.KEY, null);
            if (deadline != null) {
                long remaining = deadline.expiresAtMillis() - scheduler.now(TimeUnit.MILLISECONDS);
                if (remaining <= 0) {
                    return Mono.error(new DnsTimeoutException(null, deadline.budget()));
                }
                millis = Math.min(millis, remaining);
            }
            Duration effective = Duration.ofMillis(millis);
            return delegate.resolve(query)
                    .timeout(effective, Mono.error(() -> new DnsTimeoutException(upstream, effective)), scheduler);
        });
    }
}
