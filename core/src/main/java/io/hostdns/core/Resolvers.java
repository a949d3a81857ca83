package io.hostdns.core;

import io.hostdns.core.cache.CoalescingResolver;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.dnssec.ValidatingResolver;
import io.hostdns.core.internal.combine.FallbackCombinator;
import io.hostdns.core.internal.combine.HedgeCombinator;
import io.hostdns.core.internal.combine.HedgeDelay;
import io.hostdns.core.internal.combine.RaceCombinator;
import io.hostdns.core.internal.combine.Timeouts;
import io.hostdns.core.internal.guard.ConcurrencyLimitResolver;
import io.hostdns.core.internal.guard.SanitizingResolver;
import io.hostdns.core.upstream.AnswerPredicate;
import io.hostdns.core.upstream.UpstreamGroup;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import reactor.core.scheduler.Schedulers;

/**
 * Static factories for composing resolvers: every one takes {@link Resolver}s and returns one, so they
 * nest. Race two upstreams, fall back to a third, all under one deadline:
 * <pre>{@code
 * Resolver resolver = Resolvers.withDeadline(Resolvers.fallback(Resolvers.race(a, b), c), Duration.ofSeconds(3));
 * }</pre>
 * The combinators accept an answer unless it is SERVFAIL or REFUSED ({@link AnswerPredicate#DEFAULT}); the
 * others are still returned when nothing better came. Timers and clocks run on {@link Schedulers#parallel()}.
 * A member that is an {@link Upstream} is named by its id in the errors a combinator makes itself; the errors
 * of its members pass through as they are. For ordering by health, probing and fail-fast when all upstreams
 * are down, build an {@link UpstreamGroup} with {@link #group()}.
 */
public final class Resolvers {

    private Resolvers() {
    }

    /** All at once; the first acceptable answer wins, the others are cancelled. */
    public static Resolver race(Resolver... resolvers) {
        return race(Arrays.asList(resolvers));
    }

    /** All at once; the first acceptable answer wins, the others are cancelled. */
    public static Resolver race(List<? extends Resolver> resolvers) {
        return new RaceCombinator(AnswerPredicate.DEFAULT, Schedulers.parallel()).over(resolvers);
    }

    /** The next resolver starts when nothing acceptable came within {@code delay}, or at once on failure. */
    public static Resolver hedge(Duration delay, Resolver... resolvers) {
        return hedge(delay, Arrays.asList(resolvers));
    }

    /** The next resolver starts when nothing acceptable came within {@code delay}, or at once on failure. */
    public static Resolver hedge(Duration delay, List<? extends Resolver> resolvers) {
        return new HedgeCombinator(HedgeDelay.fixed(delay), AnswerPredicate.DEFAULT, Schedulers.parallel())
                .over(resolvers);
    }

    /** One after the other: the next on error or on SERVFAIL/REFUSED. */
    public static Resolver fallback(Resolver... resolvers) {
        return fallback(Arrays.asList(resolvers));
    }

    /** One after the other: the next on error or on SERVFAIL/REFUSED. */
    public static Resolver fallback(List<? extends Resolver> resolvers) {
        return new FallbackCombinator(AnswerPredicate.DEFAULT, Schedulers.parallel()).over(resolvers);
    }

    /** {@code resolver} under the default overall deadline of 4.5 s per query. */
    public static Resolver withDeadline(Resolver resolver) {
        return withDeadline(resolver, Timeouts.DEFAULT_DEADLINE);
    }

    /**
     * {@code resolver} under an overall deadline of {@code budget} (at least 1 ms) per query; attempt timeouts
     * inside it are cut to what remains.
     */
    public static Resolver withDeadline(Resolver resolver, Duration budget) {
        return Timeouts.deadline(resolver, budget, Schedulers.parallel());
    }

    /**
     * {@code resolver} with each attempt bounded by {@code timeout} (at least 1 ms) and by any enclosing
     * deadline; its timeout error names no upstream (see {@link #withAttemptTimeout(Upstream, Duration)}).
     */
    public static Resolver withAttemptTimeout(Resolver resolver, Duration timeout) {
        return Timeouts.attemptTimeout(resolver, timeout, Schedulers.parallel());
    }

    /** {@code upstream} with each attempt bounded by {@code timeout} and by any enclosing deadline. */
    public static Upstream withAttemptTimeout(Upstream upstream, Duration timeout) {
        return Timeouts.attemptTimeout(upstream, timeout, Schedulers.parallel());
    }

    /**
     * {@code resolver} with identical questions in flight sharing one call (name, type, class, DO and CD
     * equal): the first starts it, later ones join it; it is cancelled when the last one leaves. Put it under a
     * cache, so that a burst of identical misses costs one upstream query.
     */
    public static CoalescingResolver coalescing(Resolver resolver) {
        return new CoalescingResolver(resolver);
    }

    /**
     * {@code resolver} with at most {@code limit} (at least 1) resolutions running at once; one more fails at
     * once with {@link ConcurrencyLimitExceededException} instead of queueing, so an upstream that stops
     * answering cannot make pending work grow without bound.
     */
    public static Resolver concurrencyLimit(Resolver resolver, int limit) {
        return new ConcurrencyLimitResolver(resolver, limit);
    }

    /**
     * {@code resolver} with every upstream answer stripped of records off the question's CNAME/DNAME chain
     * and out of bailiwick (the cache-poisoning defence of a forwarder; put it between the upstreams and the
     * cache), and an undecodable or non-QUERY answer failed as {@link MalformedResponseException}.
     */
    public static Resolver sanitized(Resolver resolver) {
        return new SanitizingResolver(resolver);
    }

    /**
     * {@code resolver}'s answers validated with DNSSEC against the trust anchors of {@code validation} (e.g.
     * {@link DnssecValidation#rootAnchors()}): asks with DO and CD set, answers secure data with AD set, bogus
     * data with SERVFAIL and an Extended DNS Error; see {@link ValidatingResolver}. Put a cache above it (it keeps
     * the verdicts) and the sanitizer below it.
     */
    public static ValidatingResolver dnssecValidating(Resolver resolver, DnssecValidation validation) {
        return ValidatingResolver.over(resolver, validation);
    }

    /** A builder of an upstream group (policy, strategy, timeouts, health). */
    public static UpstreamGroup.Builder group() {
        return UpstreamGroup.builder();
    }
}
