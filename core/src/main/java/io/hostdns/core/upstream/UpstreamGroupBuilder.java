package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The immutable fluent builder of an {@link UpstreamGroup}: every method returns a new builder and
 * leaves this one as it was, so a partly configured builder can be shared as a template.
 * Defaults: {@link UpstreamPolicy#IN_ORDER}, {@link GroupStrategy#fallback()},
 * {@link AnswerPredicate#DEFAULT}, {@link Timeouts#DEFAULT_ATTEMPT_TIMEOUT} per attempt,
 * {@link Timeouts#DEFAULT_DEADLINE} overall, {@link HealthThresholds#DEFAULTS},
 * {@link ProbeSettings#DEFAULTS}, {@link AllDownBehaviour#FAIL_FAST}, {@link Schedulers#parallel()}.
 */
public final class UpstreamGroupBuilder {

    private List<Upstream> upstreams = List.of();
    private UpstreamPolicy policy = UpstreamPolicy.IN_ORDER;
    private GroupStrategy strategy = GroupStrategy.fallback();
    private AnswerPredicate predicate = AnswerPredicate.DEFAULT;
    private Duration attemptTimeout = Timeouts.DEFAULT_ATTEMPT_TIMEOUT;
    private Duration deadline = Timeouts.DEFAULT_DEADLINE;
    private HealthThresholds thresholds = HealthThresholds.DEFAULTS;
    private ProbeSettings probes = ProbeSettings.DEFAULTS;
    private AllDownBehaviour allDown = AllDownBehaviour.FAIL_FAST;
    private Scheduler scheduler = Schedulers.parallel();

    UpstreamGroupBuilder() {
    }

    // Fields are only ever written on a fresh copy, before it is returned: instances never change.
    private UpstreamGroupBuilder with(Consumer<UpstreamGroupBuilder> change) {
        UpstreamGroupBuilder copy = new UpstreamGroupBuilder();
        copy.upstreams = upstreams;
        copy.policy = policy;
        copy.strategy = strategy;
        copy.predicate = predicate;
        copy.attemptTimeout = attemptTimeout;
        copy.deadline = deadline;
        copy.thresholds = thresholds;
        copy.probes = probes;
        copy.allDown = allDown;
        copy.scheduler = scheduler;
        change.accept(copy);
        return copy;
    }

    /** The upstreams in configuration order (replacing any set before); ids must be distinct. */
    public UpstreamGroupBuilder upstreams(List<Upstream> value) {
        List<Upstream> copy = List.copyOf(value);
        Set<Object> ids = new HashSet<>();
        for (Upstream upstream : copy) {
            if (!ids.add(upstream.id())) {
                throw new IllegalArgumentException("upstreams: " + upstream.id() + " is listed twice");
            }
        }
        return with(b -> b.upstreams = copy);
    }

    /** The upstreams in configuration order. */
    public UpstreamGroupBuilder upstreams(Upstream... value) {
        return upstreams(Arrays.asList(value));
    }

    /** How upstreams are ordered per query. */
    public UpstreamGroupBuilder policy(UpstreamPolicy value) {
        return with(b -> b.policy = Objects.requireNonNull(value, "policy"));
    }

    /** How the ordered upstreams are used per query. */
    public UpstreamGroupBuilder strategy(GroupStrategy value) {
        return with(b -> b.strategy = Objects.requireNonNull(value, "strategy"));
    }

    /** Which answers end a resolution. */
    public UpstreamGroupBuilder answerPredicate(AnswerPredicate value) {
        return with(b -> b.predicate = Objects.requireNonNull(value, "answerPredicate"));
    }

    /** The timeout of one attempt, at least 1 ms (cut to what remains of the deadline). */
    public UpstreamGroupBuilder attemptTimeout(Duration value) {
        requireMillis("attemptTimeout", value);
        return with(b -> b.attemptTimeout = value);
    }

    /** The overall budget per query, at least 1 ms. */
    public UpstreamGroupBuilder deadline(Duration value) {
        requireMillis("deadline", value);
        return with(b -> b.deadline = value);
    }

    /** When upstreams change health state. */
    public UpstreamGroupBuilder healthThresholds(HealthThresholds value) {
        return with(b -> b.thresholds = Objects.requireNonNull(value, "healthThresholds"));
    }

    /** How DOWN upstreams are probed. */
    public UpstreamGroupBuilder probes(ProbeSettings value) {
        return with(b -> b.probes = Objects.requireNonNull(value, "probes"));
    }

    /** What to do when every upstream is DOWN. */
    public UpstreamGroupBuilder whenAllDown(AllDownBehaviour value) {
        return with(b -> b.allDown = Objects.requireNonNull(value, "whenAllDown"));
    }

    /** The scheduler for timers, probes and the clock (a virtual-time one in tests). */
    public UpstreamGroupBuilder scheduler(Scheduler value) {
        return with(b -> b.scheduler = Objects.requireNonNull(value, "scheduler"));
    }

    /** A new group; it starts watching its upstreams' health at once. */
    public UpstreamGroup build() {
        if (upstreams.isEmpty()) {
            throw new IllegalStateException("upstreams: a group needs at least one upstream, none given");
        }
        return new UpstreamGroup(this);
    }

    private static void requireMillis(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
        }
    }

    List<Upstream> upstreams() {
        return upstreams;
    }

    UpstreamPolicy policy() {
        return policy;
    }

    GroupStrategy strategy() {
        return strategy;
    }

    AnswerPredicate predicate() {
        return predicate;
    }

    Duration attemptTimeout() {
        return attemptTimeout;
    }

    Duration deadline() {
        return deadline;
    }

    HealthThresholds thresholds() {
        return thresholds;
    }

    ProbeSettings probes() {
        return probes;
    }

    AllDownBehaviour allDown() {
        return allDown;
    }

    Scheduler scheduler() {
        return scheduler;
    }
}
