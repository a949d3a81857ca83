package io.hostdns.core.internal.combine;

import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;

/**
 * Factories and defaults for the two time limits of a resolution: one overall deadline per query and a
 * timeout per attempt inside it. The defaults follow resolv.conf-style host resolvers: a 2 s attempt
 * leaves room for a second upstream within a 4.5 s whole, under the 5 s most stub resolvers give up at.
 */
public final class Timeouts {

    /** The default overall budget per query. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(4500);

    /** The default timeout of one attempt to one upstream. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private Timeouts() {
    }

    /** {@code resolver} under an overall deadline of {@code budget} per query. */
    public static Resolver deadline(Resolver resolver, Duration budget, Scheduler scheduler) {
        return new DeadlineResolver(resolver, budget, scheduler);
    }

    /** {@code upstream} with each attempt bounded by {@code timeout} (and by any enclosing deadline). */
    public static Upstream attemptTimeout(Upstream upstream, Duration timeout, Scheduler scheduler) {
        return new Upstream(upstream.id(),
                new AttemptTimeoutResolver(upstream.id(), upstream.resolver(), timeout, scheduler));
    }

    /**
     * {@code resolver} with each resolution bounded by {@code timeout} (and by any enclosing deadline); an
     * {@link Upstream} stays one, named in its timeout errors.
     */
    public static Resolver attemptTimeout(Resolver resolver, Duration timeout, Scheduler scheduler) {
        return resolver instanceof Upstream upstream ? attemptTimeout(upstream, timeout, scheduler)
                : new AttemptTimeoutResolver(null, resolver, timeout, scheduler);
    }
}
