package io.hostdns.core.internal.guard;

import io.hostdns.core.Answer;
import io.hostdns.core.ConcurrencyLimitExceededException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * A decorator that lets at most {@code limit} resolutions of its delegate run at once (CoreDNS' forward
 * plugin caps at 1000). A query arriving past the cap fails at once with
 * {@link ConcurrencyLimitExceededException}: there is no queue, so an upstream that stops answering cannot
 * make memory and pending work grow without bound; the server answers such a query SERVFAIL in
 * microseconds, or the cache in front serves it stale.
 *
 * <p>A slot is taken at subscription and given back exactly once when the delegate's {@code Mono}
 * answers, fails or is cancelled. Lazy like every {@link Resolver}: nothing is counted before subscription.
 * A delegate that throws instead of returning a {@code Mono} fails the call and frees the slot.
 */
public final class ConcurrencyLimitResolver implements Resolver {

    private final Resolver delegate;
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    /** Caps {@code delegate} at {@code limit} (at least 1) queries in flight. */
    public ConcurrencyLimitResolver(Resolver delegate, int limit) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.limit = limit;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> {
            if (inFlight.incrementAndGet() > limit) {
                inFlight.decrementAndGet();
                rejected.increment();
                return Mono.error(new ConcurrencyLimitExceededException(limit));
            }
            AtomicInteger released = new AtomicInteger();
            Runnable release = () -> {
                if (released.getAndIncrement() == 0) {
                    inFlight.decrementAndGet();
                }
            };
            Mono<Answer> call;
            try {
                call = Objects.requireNonNull(delegate.resolve(query), "delegate returned null");
            } catch (RuntimeException e) {
                release.run();
                return Mono.error(e);
            }
            return call.switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                    .doFinally(signal -> release.run());
        });
    }

    /** The cap. */
    public int limit() {
        return limit;
    }

    /** Queries of the delegate running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Queries refused because the cap was reached, since creation. */
    public long rejected() {
        return rejected.sum();
    }

    @Override
    public String toString() {
        return "ConcurrencyLimitResolver[limit=" + limit + ", inFlight=" + inFlight.get() + "]";
    }
}
