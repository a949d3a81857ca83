package io.hostdns.core.upstream;

import io.hostdns.core.internal.combine.AdaptiveHedgeDelay;
import io.hostdns.core.Resolvers;
import java.time.Duration;
import java.util.Objects;

/** How an {@link UpstreamGroup} uses its ordered upstreams for one query. */
public sealed interface GroupStrategy {

    /** One after the other, as {@link Resolvers#fallback(io.hostdns.core.Resolver...)}. */
    record Fallback() implements GroupStrategy {
    }

    /** All at once, as {@link Resolvers#race(io.hostdns.core.Resolver...)}. */
    record Race() implements GroupStrategy {
    }

    /** Staggered by a fixed delay, as {@link Resolvers#hedge(java.time.Duration, io.hostdns.core.Resolver...)}. */
    record Hedge(Duration delay) implements GroupStrategy {
        public Hedge {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("hedge delay must be >= 0, was " + delay);
            }
        }
    }

    /**
     * Staggered by the measured latency: the tail RTT estimate (about p95) of the best HEALTHY upstream,
     * clamped to [{@code floor}, {@code ceiling}]; while some HEALTHY upstream has no recent measurement it
     * hedges at the floor, so that a slow first answer cannot lock the others out.
     */
    record AdaptiveHedge(Duration floor, Duration ceiling) implements GroupStrategy {
        public AdaptiveHedge {
            Objects.requireNonNull(floor, "floor");
            Objects.requireNonNull(ceiling, "ceiling");
            if (floor.isNegative() || ceiling.compareTo(floor) < 0) {
                throw new IllegalArgumentException("need 0 <= floor <= ceiling, got " + floor + ", " + ceiling);
            }
        }
    }

    /** Sequential fallback. */
    static GroupStrategy fallback() {
        return new Fallback();
    }

    /** Race all. */
    static GroupStrategy race() {
        return new Race();
    }

    /** Hedge with a fixed delay. */
    static GroupStrategy hedge(Duration delay) {
        return new Hedge(delay);
    }

    /** Hedge with the adaptive delay and its default floor (10 ms) and ceiling (1 s). */
    static GroupStrategy adaptiveHedge() {
        return new AdaptiveHedge(AdaptiveHedgeDelay.DEFAULT_FLOOR, AdaptiveHedgeDelay.DEFAULT_CEILING);
    }

    /** Hedge with the adaptive delay clamped to [floor, ceiling]. */
    static GroupStrategy adaptiveHedge(Duration floor, Duration ceiling) {
        return new AdaptiveHedge(floor, ceiling);
    }
}
