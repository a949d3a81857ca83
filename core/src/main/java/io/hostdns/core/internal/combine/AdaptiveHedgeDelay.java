package io.hostdns.core.internal.combine;

import io.hostdns.core.UpstreamId;
import io.hostdns.core.internal.health.HealthRegistry;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A hedge delay that follows the measured latency: the tail RTT estimate (about p95, see
 * {@link HealthRegistry#bestHealthyTail()}) of the best HEALTHY upstream, clamped to
 * [{@code floor}, {@code ceiling}]. While some HEALTHY upstream has no measurement from the last
 * {@value #EXPLORE_AFTER_SECONDS} s, it hedges at the floor: otherwise whichever upstream answered first,
 * however slow, or an upstream measured once on a cold start, would set a delay that keeps the others
 * from ever being tried again (a 200 ms upstream asked first locked the delay at ~200 ms in the hedging
 * benchmark, the fast one having measured 220 ms on its cold first query). The cost is at most one early
 * hedge per stale upstream every few seconds. Defaults: 10 ms floor (below it a hedge is
 * mostly noise, even on a LAN), 1 s ceiling (beyond it the per-attempt timeout is the better tool).
 */
public final class AdaptiveHedgeDelay implements HedgeDelay {

    /**
     * How old an upstream's last RTT measurement may be before it counts as unknown (the health
     * package restarts an estimate whose last sample is older than this).
     */
    public static final long EXPLORE_AFTER_SECONDS = 5;

    /** The default floor. */
    public static final Duration DEFAULT_FLOOR = Duration.ofMillis(10);

    /** The default ceiling. */
    public static final Duration DEFAULT_CEILING = Duration.ofSeconds(1);

    private final HealthRegistry health;
    private final Duration floor;
    private final Duration ceiling;

    /**
     * @param health  where RTTs are measured
     * @param floor   the shortest delay, at least 0
     * @param ceiling the longest delay, at least {@code floor}
     */
    public AdaptiveHedgeDelay(HealthRegistry health, Duration floor, Duration ceiling) {
        this.health = Objects.requireNonNull(health, "health");
        this.floor = Objects.requireNonNull(floor, "floor");
        this.ceiling = Objects.requireNonNull(ceiling, "ceiling");
        if (floor.isNegative() || ceiling.compareTo(floor) < 0) {
            throw new IllegalArgumentException("need 0 <= floor <= ceiling, got floor " + floor + ", ceiling " + ceiling);
        }
    }

    /** With the default floor and ceiling. */
    public AdaptiveHedgeDelay(HealthRegistry health) {
        this(health, DEFAULT_FLOOR, DEFAULT_CEILING);
    }

    @Override
    public Duration after(@Nullable UpstreamId started) {
        if (health.anyHealthyUnmeasured(Duration.ofSeconds(EXPLORE_AFTER_SECONDS))) {
            return floor;
        }
        Duration tail = health.bestHealthyTail().orElse(ceiling);
        if (tail.compareTo(floor) < 0) {
            return floor;
        }
        return tail.compareTo(ceiling) > 0 ? ceiling : tail;
    }
}
