package io.hostdns.core.metrics;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.UpstreamGroup;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Per-upstream metrics, in two parts.
 *
 * <p>{@link #timed(Upstream, MeterRegistry)} wraps an upstream (before it is given to an
 * {@link UpstreamGroup}) so that every response it returns, whatever its rcode, is timed in
 * {@code hostdns.upstream.rtt} (timer with p50, p95 and p99 published and a histogram), tags
 * {@code upstream} (the configured address) and {@code protocol}. Errors and cancelled attempts
 * (timeouts, hedge losers) are not timed: they have no round trip.
 *
 * <p>As a {@link MeterBinder} over an {@link UpstreamGroup} it reads the group's health snapshot:
 * {@code hostdns.upstream.failures} (function counter) per upstream and {@code kind} ({@code timeout},
 * {@code unreachable}, {@code network}, {@code servfail}, {@code refused}, {@code malformed}), and
 * {@code hostdns.upstream.state} (gauge: 0 healthy, 1 degraded, 2 down). These meters read the live
 * group; once it is garbage collected they report NaN, as Micrometer's function meters do.
 *
 * <p>Hedges fired and won are not counted here: the upstream package does not report them (the
 * {@code hostdns.query.upstream.attempts} summary of {@link MeteredResolver} shows how often more than
 * one attempt was started).
 */
final class UpstreamMetrics implements MeterBinder {

    private final UpstreamGroup group;

    UpstreamMetrics(UpstreamGroup group) {
        this.group = Objects.requireNonNull(group, "group");
    }

    /** {@code upstream} with its responses timed in {@code hostdns.upstream.rtt}. */
    static Upstream timed(Upstream upstream, MeterRegistry registry) {
        Timer rtt = Timer.builder("hostdns.upstream.rtt")
                .description("round-trip time of responses from one upstream")
                .tags(MetricTags.upstream(upstream.id()))
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        Resolver delegate = upstream.resolver();
        Resolver timedResolver = (Query query) -> Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return delegate.resolve(query).doOnNext((Answer answer) -> sample.stop(rtt));
        });
        return new Upstream(upstream.id(), timedResolver);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (UpstreamId id : group.upstreams()) {
            Tags tags = MetricTags.upstream(id);
            for (UpstreamStatus.Outcome outcome : UpstreamStatus.Outcome.values()) {
                if (outcome == UpstreamStatus.Outcome.OK) {
                    continue;
                }
                FunctionCounter.builder("hostdns.upstream.failures", group, g -> status(g, id).count(outcome))
                        .description("failed attempts to one upstream, by kind")
                        .tags(tags).tag("kind", MetricTags.outcome(outcome))
                        .register(registry);
            }
            Gauge.builder("hostdns.upstream.state", group, g -> status(g, id).state().ordinal())
                    .description("health of one upstream: 0 healthy, 1 degraded, 2 down")
                    .tags(tags).register(registry);
        }
    }

    private static UpstreamStatus status(UpstreamGroup group, UpstreamId id) {
        for (UpstreamStatus status : group.status()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        throw new IllegalStateException("upstream " + id + " is no longer in the group");
    }
}
