package io.hostdns.core.upstream;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.HealthProber;
import io.hostdns.core.health.HealthRegistry;
import io.hostdns.core.health.HealthState;
import io.hostdns.core.health.HealthTrackingResolver;
import io.hostdns.core.health.UpstreamStatus;
import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A set of upstreams used as one {@link Resolver}: the piece a forwarder puts after hosts and cache.
 * For each query it orders the upstreams with its {@link UpstreamPolicy}, leaves out the DOWN ones,
 * and runs its {@link GroupStrategy} over the rest under one overall deadline, each attempt bounded by
 * the per-attempt timeout and recorded in the group's health. DOWN upstreams are probed in the
 * background until they answer. When every upstream is DOWN, {@link AllDownBehaviour} decides.
 *
 * <p>Built with {@link #builder()}. It owns its health registry and prober (nothing is shared with
 * another group); {@link #dispose()} stops the probes and completes {@link #statusChanges()}.
 * Resolutions started after dispose still run, without health probing.
 */
public final class UpstreamGroup implements Resolver, Disposable {

    private final List<Upstream> tracked;
    private final UpstreamPolicy policy;
    private final AllDownBehaviour allDown;
    private final HealthRegistry health;
    private final HealthProber prober;
    private final Combinator combinator;
    private final Resolver pipeline;

    UpstreamGroup(UpstreamGroupBuilder b) {
        List<Upstream> configured = b.upstreams();
        List<UpstreamId> ids = configured.stream().map(Upstream::id).toList();
        this.health = new HealthRegistry(ids, b.thresholds(), b.scheduler());
        this.policy = b.policy();
        this.allDown = b.allDown();
        List<Upstream> wrapped = new ArrayList<>(configured.size());
        for (Upstream upstream : configured) {
            // The timeout sits inside the tracking so that a timed-out attempt is recorded as TIMEOUT.
            Upstream bounded = Timeouts.attemptTimeout(upstream, b.attemptTimeout(), b.scheduler());
            wrapped.add(HealthTrackingResolver.track(bounded, health, b.scheduler()));
        }
        this.tracked = List.copyOf(wrapped);
        this.combinator = combinator(b.strategy(), b.predicate(), b);
        this.pipeline = new DeadlineResolver(this::resolveUnbounded, b.deadline(), b.scheduler());
        this.prober = new HealthProber(health, configured, b.probes(), b.scheduler());
    }

    /** A new builder with the defaults: in order, fallback, 2 s per attempt, 4.5 s overall, fail fast. */
    public static UpstreamGroupBuilder builder() {
        return new UpstreamGroupBuilder();
    }

    private Combinator combinator(GroupStrategy strategy, AnswerPredicate predicate, UpstreamGroupBuilder b) {
        if (strategy instanceof GroupStrategy.Race) {
            return new RaceCombinator(predicate, b.scheduler());
        }
        if (strategy instanceof GroupStrategy.Hedge hedge) {
            return new HedgeCombinator(HedgeDelay.fixed(hedge.delay()), predicate, b.scheduler());
        }
        if (strategy instanceof GroupStrategy.AdaptiveHedge adaptive) {
            return new HedgeCombinator(new AdaptiveHedgeDelay(health, adaptive.floor(), adaptive.ceiling()),
                    predicate, b.scheduler());
        }
        return new FallbackCombinator(predicate, b.scheduler());
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
                if (health.state(upstream.id()) != HealthState.DOWN) {
                    usable.add(upstream);
                }
            }
            if (usable.isEmpty()) {
                if (allDown == AllDownBehaviour.FAIL_FAST) {
                    return Mono.error(new AllUpstreamsDownException(health.upstreams()));
                }
                usable = ordered;
            }
            return combinator.resolve(query, usable);
        });
    }

    /** A snapshot of every upstream's health, in configuration order. */
    public List<UpstreamStatus> status() {
        return health.status();
    }

    /** Each state change of an upstream, as its new status; completes on {@link #dispose()}. */
    public Flux<UpstreamStatus> statusChanges() {
        return health.changes();
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
}
