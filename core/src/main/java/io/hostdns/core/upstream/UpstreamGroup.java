package io.hostdns.core.upstream;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.internal.health.HealthProber;
import io.hostdns.core.internal.health.HealthRegistry;
import io.hostdns.core.internal.health.HealthTrackingResolver;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.internal.combine.AdaptiveHedgeDelay;
import io.hostdns.core.internal.combine.Combinator;
import io.hostdns.core.internal.combine.DeadlineResolver;
import io.hostdns.core.internal.combine.FallbackCombinator;
import io.hostdns.core.internal.combine.HedgeCombinator;
import io.hostdns.core.internal.combine.HedgeDelay;
import io.hostdns.core.internal.combine.RaceCombinator;
import io.hostdns.core.internal.combine.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A set of upstreams used as one {@link Resolver}: the piece a forwarder puts after hosts and cache.
 * For each query it orders the upstreams with its {@link UpstreamPolicy}, leaves out the DOWN ones,
 * and runs its {@link GroupStrategy} over the rest under one overall deadline, each attempt bounded by
 * the per-attempt timeout and recorded in the group's health. DOWN upstreams are probed in the
 * background until they answer. When every upstream is DOWN, {@link AllDown} decides.
 *
 * <p>Built with {@link #builder()}. It owns its health registry and prober (nothing is shared with
 * another group); {@link #dispose()} stops the probes and completes {@link #statusChanges()}.
 * Resolutions started after dispose still run, without health probing.
 */
public final class UpstreamGroup implements Resolver, Disposable {

    private final List<Upstream> tracked;
    private final UpstreamPolicy policy;
    private final AllDown allDown;
    private final HealthRegistry health;
    private final HealthProber prober;
    private final Combinator combinator;
    private final Resolver pipeline;
    private final Query probeQuery;

    private UpstreamGroup(GroupSettings s) {
        List<Upstream> configured = s.upstreams();
        List<UpstreamId> ids = configured.stream().map(Upstream::id).toList();
        this.health = new HealthRegistry(ids, s.thresholds(), s.scheduler());
        this.policy = s.policy();
        this.allDown = s.allDown();
        List<Upstream> wrapped = new ArrayList<>(configured.size());
        for (Upstream upstream : configured) {
            // The timeout sits inside the tracking so that a timed-out attempt is recorded as TIMEOUT.
            Upstream bounded = Timeouts.attemptTimeout(upstream, s.attemptTimeout(), s.scheduler());
            wrapped.add(HealthTrackingResolver.track(bounded, health, s.scheduler()));
        }
        this.tracked = List.copyOf(wrapped);
        this.combinator = combinator(s.strategy(), s.predicate(), s.scheduler());
        this.pipeline = new DeadlineResolver(this::resolveUnbounded, s.deadline(), s.scheduler());
        this.prober = new HealthProber(health, configured, s.probes(), s.scheduler());
        this.probeQuery = s.probes().query();
    }

    /** A new builder with the defaults: in order, fallback, 2 s per attempt, 4.5 s overall, fail fast. */
    public static Builder builder() {
        return new Builder(new GroupSettings(List.of(), UpstreamPolicy.IN_ORDER, GroupStrategy.fallback(),
                AnswerPredicate.DEFAULT, Timeouts.DEFAULT_ATTEMPT_TIMEOUT, Timeouts.DEFAULT_DEADLINE,
                HealthThresholds.DEFAULTS, ProbeSettings.DEFAULTS, AllDown.FAIL_FAST, Schedulers.parallel()));
    }

    private Combinator combinator(GroupStrategy strategy, AnswerPredicate predicate, Scheduler scheduler) {
        if (strategy instanceof GroupStrategy.Race) {
            return new RaceCombinator(predicate, scheduler);
        }
        if (strategy instanceof GroupStrategy.Hedge hedge) {
            return new HedgeCombinator(HedgeDelay.fixed(hedge.delay()), predicate, scheduler);
        }
        if (strategy instanceof GroupStrategy.AdaptiveHedge adaptive) {
            return new HedgeCombinator(new AdaptiveHedgeDelay(health, adaptive.floor(), adaptive.ceiling()),
                    predicate, scheduler);
        }
        return new FallbackCombinator(predicate, scheduler);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return pipeline.resolve(query);
    }

    private Mono<Answer> resolveUnbounded(Query query) {
        return Mono.defer(() -> {
            List<Upstream> ordered = policy.order(tracked, health::score);
            List<Upstream> usable = new ArrayList<>(ordered.size());
            for (Upstream upstream : ordered) {
                if (health.state(upstream.id()) != UpstreamStatus.State.DOWN) {
                    usable.add(upstream);
                }
            }
            if (usable.isEmpty()) {
                if (allDown == AllDown.FAIL_FAST) {
                    return Mono.error(new AllUpstreamsDownException(health.upstreams()));
                }
                usable = ordered;
            }
            return combinator.resolve(query, usable);
        });
    }

    /**
     * Asks every upstream the probe question ({@link ProbeSettings#query()}, by default {@code . NS}) once, all at
     * once, whatever its state, each attempt bounded by the attempt timeout and recorded in the group's health
     * like a real query's: a health check on demand. Lazy; completes when every upstream has answered or failed
     * (the failures are in {@link #status()}, not in the returned {@code Mono}).
     */
    public Mono<Void> probeAll() {
        return Flux.fromIterable(tracked)
                .flatMap(upstream -> upstream.resolve(probeQuery).then().onErrorResume(error -> Mono.empty()))
                .then();
    }

    /** A snapshot of every upstream's health, in configuration order. */
    public List<UpstreamStatus> status() {
        return health.status();
    }

    /** Each state change of an upstream, as its new status; completes on {@link #dispose()}. */
    public Flux<UpstreamStatus> statusChanges() {
        return health.changes();
    }

    /**
     * How often this group hedged since it was built: with a hedging {@link GroupStrategy}, the times a delay ran
     * out and the next upstream was started, and the times the answer then came from such a started attempt;
     * zeros with another strategy.
     */
    public Hedges hedges() {
        return combinator instanceof HedgeCombinator hedge ? new Hedges(hedge.hedgesFired(), hedge.hedgesWon())
                : new Hedges(0, 0);
    }

    /** The upstreams, in configuration order. */
    public List<UpstreamId> upstreams() {
        return health.upstreams();
    }

    @Override
    public void dispose() {
        prober.dispose();
        health.dispose();
    }

    @Override
    public boolean isDisposed() {
        return prober.isDisposed();
    }

    /**
     * A group's hedge counts (see {@link #hedges()}).
     *
     * @param fired how often a hedge delay ran out and started the next upstream
     * @param won   how often the answer came from an attempt a hedge started
     */
    public record Hedges(long fired, long won) {
    }

    /** What a group does with a query when every one of its upstreams is DOWN. */
    public enum AllDown {
        /**
         * Fail at once with {@link AllUpstreamsDownException}, asking no upstream, so that a forwarder answers
         * SERVFAIL in microseconds instead of waiting out every timeout.
         */
        FAIL_FAST,
        /** Ask them anyway, as if they were healthy (a success brings the upstream back). */
        TRY_ANYWAY
    }

    /**
     * The immutable builder of an {@link UpstreamGroup}: every method returns a new builder and leaves this
     * one as it was, so a partly configured builder can be shared as a template. Defaults:
     * {@link UpstreamPolicy#IN_ORDER}, {@link GroupStrategy#fallback()}, {@link AnswerPredicate#DEFAULT},
     * 2 s per attempt, 4.5 s overall, {@link HealthThresholds#DEFAULTS}, {@link ProbeSettings#DEFAULTS},
     * {@link AllDown#FAIL_FAST}, {@link Schedulers#parallel()}.
     */
    public static final class Builder {

        private final GroupSettings settings;

        private Builder(GroupSettings settings) {
            this.settings = settings;
        }

        /** The settings collected so far. */
        GroupSettings settings() {
            return settings;
        }

        private Builder with(UnaryOperator<GroupSettings> change) {
            return new Builder(change.apply(settings));
        }

        /** The upstreams in configuration order (replacing any set before); ids must be distinct. */
        public Builder upstreams(List<Upstream> value) {
            List<Upstream> copy = List.copyOf(value);
            Set<UpstreamId> ids = new HashSet<>();
            for (Upstream upstream : copy) {
                if (!ids.add(upstream.id())) {
                    throw new IllegalArgumentException("upstreams: " + upstream.id() + " is listed twice");
                }
            }
            return with(s -> s.withUpstreams(copy));
        }

        /** The upstreams in configuration order. */
        public Builder upstreams(Upstream... value) {
            return upstreams(Arrays.asList(value));
        }

        /** How upstreams are ordered per query. */
        public Builder policy(UpstreamPolicy value) {
            Objects.requireNonNull(value, "policy");
            return with(s -> s.withPolicy(value));
        }

        /** How the ordered upstreams are used per query. */
        public Builder strategy(GroupStrategy value) {
            Objects.requireNonNull(value, "strategy");
            return with(s -> s.withStrategy(value));
        }

        /** Which answers end a resolution. */
        public Builder answerPredicate(AnswerPredicate value) {
            Objects.requireNonNull(value, "answerPredicate");
            return with(s -> s.withPredicate(value));
        }

        /** The timeout of one attempt, at least 1 ms (cut to what remains of the deadline). */
        public Builder attemptTimeout(Duration value) {
            requireMillis("attemptTimeout", value);
            return with(s -> s.withAttemptTimeout(value));
        }

        /** The overall budget per query, at least 1 ms. */
        public Builder deadline(Duration value) {
            requireMillis("deadline", value);
            return with(s -> s.withDeadline(value));
        }

        /** When upstreams change health state. */
        public Builder healthThresholds(HealthThresholds value) {
            Objects.requireNonNull(value, "healthThresholds");
            return with(s -> s.withThresholds(value));
        }

        /** How DOWN upstreams are probed. */
        public Builder probes(ProbeSettings value) {
            Objects.requireNonNull(value, "probes");
            return with(s -> s.withProbes(value));
        }

        /** What to do when every upstream is DOWN. */
        public Builder whenAllDown(AllDown value) {
            Objects.requireNonNull(value, "whenAllDown");
            return with(s -> s.withAllDown(value));
        }

        /** The scheduler for timers, probes and the clock (a virtual-time one in tests). */
        public Builder scheduler(Scheduler value) {
            Objects.requireNonNull(value, "scheduler");
            return with(s -> s.withScheduler(value));
        }

        /** A new group; it starts watching its upstreams' health at once. */
        public UpstreamGroup build() {
            if (settings.upstreams().isEmpty()) {
                throw new IllegalStateException("upstreams: a group needs at least one upstream, none given");
            }
            return new UpstreamGroup(settings);
        }

        private static void requireMillis(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
            }
        }
    }
}
