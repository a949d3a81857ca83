package io.hostdns.core.internal.health;

import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.UpstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The health of a fixed set of upstreams: records outcomes, answers their state and score, and
 * publishes a {@link UpstreamStatus} each time an upstream changes state. Owned by one group (nothing
 * is global); {@link #dispose()} completes {@link #changes()}.
 */
public final class HealthRegistry implements Disposable {

    private final Map<UpstreamId, UpstreamHealth> health = new LinkedHashMap<>();
    private final Scheduler clock;
    // Best effort: a subscriber that has not requested more misses changes; status() has the truth.
    private final Sinks.Many<UpstreamStatus> changes = Sinks.many().multicast().directBestEffort();
    private volatile boolean disposed;

    /**
     * @param upstreams  the upstreams, in configuration order
     * @param thresholds when states change
     * @param clock      the scheduler whose clock stamps errors
     */
    public HealthRegistry(List<UpstreamId> upstreams, HealthThresholds thresholds, Scheduler clock) {
        Objects.requireNonNull(thresholds, "thresholds");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (UpstreamId id : upstreams) {
            if (health.put(id, new UpstreamHealth(id, thresholds)) != null) {
                throw new IllegalArgumentException("upstream listed twice: " + id);
            }
        }
    }

    /**
     * Records one attempt to {@code upstream}.
     *
     * @param rtt   the response time when a response arrived, else null
     * @param error the error when it failed, else null
     */
    public void record(UpstreamId upstream, UpstreamStatus.Outcome outcome, @Nullable Duration rtt, @Nullable Throwable error) {
        Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
        UpstreamStatus changed = of(upstream).record(outcome, rtt, error, now);
        if (changed != null && !disposed) {
            // Another thread may emit at the same moment; retry briefly instead of failing.
            changes.emitNext(changed, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
        }
    }

    /**
     * Records an attempt to {@code upstream} cancelled after {@code waited} with no response: not a
     * failure, but a lower bound of its response time (see {@link HealthTrackingResolver}).
     */
    public void recordUnanswered(UpstreamId upstream, Duration waited) {
        UpstreamStatus changed = of(upstream).recordUnanswered(waited, Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)));
        if (changed != null && !disposed) {
            changes.emitNext(changed, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
        }
    }

    /** The current state of {@code upstream}. */
    public UpstreamStatus.State state(UpstreamId upstream) {
        return of(upstream).state();
    }

    /** The health score of {@code upstream}, lower is better (state, then RTT class, unmeasured last). */
    public long score(UpstreamId upstream) {
        return of(upstream).score();
    }

    /**
     * Whether some HEALTHY upstream has no RTT measurement newer than {@code maxAge}: nothing current is
     * known of its speed (never asked, or not asked lately because another one always answered first).
     */
    public boolean anyHealthyUnmeasured(Duration maxAge) {
        Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
        for (UpstreamHealth h : health.values()) {
            if (h.state() == UpstreamStatus.State.HEALTHY && h.rttUnknownOrOlderThan(maxAge, now)) {
                return true;
            }
        }
        return false;
    }

    /** The smallest tail RTT estimate among HEALTHY upstreams that have one. */
    public Optional<Duration> bestHealthyTail() {
        Duration best = null;
        for (UpstreamHealth h : health.values()) {
            Duration tail = h.tail();
            if (h.state() == UpstreamStatus.State.HEALTHY && tail != null && (best == null || tail.compareTo(best) < 0)) {
                best = tail;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A snapshot of {@code upstream}. */
    public UpstreamStatus status(UpstreamId upstream) {
        return of(upstream).snapshot();
    }

    /** A snapshot of every upstream, in configuration order. */
    public List<UpstreamStatus> status() {
        List<UpstreamStatus> all = new ArrayList<>(health.size());
        for (UpstreamHealth h : health.values()) {
            all.add(h.snapshot());
        }
        return all;
    }

    /** The upstreams, in configuration order. */
    public List<UpstreamId> upstreams() {
        return List.copyOf(health.keySet());
    }

    /**
     * Each state change, as the new status of the upstream that changed; hot (subscribers see the
     * changes after they subscribe), completes on {@link #dispose()}.
     */
    public Flux<UpstreamStatus> changes() {
        return changes.asFlux();
    }

    @Override
    public void dispose() {
        disposed = true;
        changes.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    private UpstreamHealth of(UpstreamId upstream) {
        UpstreamHealth h = health.get(upstream);
        if (h == null) {
            throw new IllegalArgumentException("unknown upstream " + upstream + ", known: " + health.keySet());
        }
        return h;
    }
}
