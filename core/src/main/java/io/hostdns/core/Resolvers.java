package io.hostdns.core;

import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.FallbackCombinator;
import io.hostdns.core.upstream.HedgeCombinator;
import io.hostdns.core.upstream.HedgeDelay;
import io.hostdns.core.upstream.RaceCombinator;
import io.hostdns.core.upstream.Timeouts;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.core.upstream.UpstreamGroupBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import reactor.core.scheduler.Schedulers;

/**
 * Static factories for composing resolvers: the combinators of {@link io.hostdns.core.upstream} with
 * their defaults ({@link AnswerPredicate#DEFAULT}, timers and clock on {@link Schedulers#parallel()}),
 * the deadline, and the builder of an {@link UpstreamGroup}. For another predicate or scheduler, build
 * the combinator directly ({@code new RaceCombinator(predicate, scheduler).over(upstreams)}).
 * <pre>{@code
 * Resolver resolver = Resolvers.withDeadline(Resolvers.fallback(
 *         Resolvers.withAttemptTimeout(primary, Duration.ofSeconds(2)),
 *         Resolvers.withAttemptTimeout(secondary, Duration.ofSeconds(2))), Duration.ofMillis(4500));
 * }</pre>
 */
public final class Resolvers {

    private Resolvers() {
    }

    /** All at once; the first acceptable answer wins, the others are cancelled. */
    public static Resolver race(Upstream... upstreams) {
        return race(Arrays.asList(upstreams));
    }

    /** All at once; the first acceptable answer wins, the others are cancelled. */
    public static Resolver race(List<Upstream> upstreams) {
        return new RaceCombinator(AnswerPredicate.DEFAULT, Schedulers.parallel()).over(upstreams);
    }

    /** The next upstream starts when nothing acceptable came within {@code delay}, or at once on failure. */
    public static Resolver hedge(Duration delay, Upstream... upstreams) {
        return hedge(HedgeDelay.fixed(delay), Arrays.asList(upstreams));
    }

    /** Hedge with a delay strategy, e.g. an {@link io.hostdns.core.upstream.AdaptiveHedgeDelay}. */
    public static Resolver hedge(HedgeDelay delay, List<Upstream> upstreams) {
        return new HedgeCombinator(delay, AnswerPredicate.DEFAULT, Schedulers.parallel()).over(upstreams);
    }

    /** One after the other: the next on error or on SERVFAIL/REFUSED. */
    public static Resolver fallback(Upstream... upstreams) {
        return fallback(Arrays.asList(upstreams));
    }

    /** One after the other: the next on error or on SERVFAIL/REFUSED. */
    public static Resolver fallback(List<Upstream> upstreams) {
        return new FallbackCombinator(AnswerPredicate.DEFAULT, Schedulers.parallel()).over(upstreams);
    }

    /** {@code resolver} under the default overall deadline ({@link Timeouts#DEFAULT_DEADLINE}). */
    public static Resolver withDeadline(Resolver resolver) {
        return withDeadline(resolver, Timeouts.DEFAULT_DEADLINE);
    }

    /** {@code resolver} under an overall deadline of {@code budget} per query. */
    public static Resolver withDeadline(Resolver resolver, Duration budget) {
        return Timeouts.deadline(resolver, budget, Schedulers.parallel());
    }

    /** {@code upstream} with each attempt bounded by {@code timeout} and by any enclosing deadline. */
    public static Upstream withAttemptTimeout(Upstream upstream, Duration timeout) {
        return Timeouts.attemptTimeout(upstream, timeout, Schedulers.parallel());
    }

    /** A builder of an upstream group (policy, strategy, timeouts, health). */
    public static UpstreamGroupBuilder group() {
        return UpstreamGroup.builder();
    }
}
