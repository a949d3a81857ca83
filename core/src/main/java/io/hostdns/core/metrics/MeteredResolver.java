package io.hostdns.core.metrics;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.health.UpstreamStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Counts every resolution that passes through it, so placed at the top of a pipeline it sees them all:
 * <ul>
 *   <li>{@code hostdns.queries} (counter), tags {@code rcode} ({@code noerror}, {@code nxdomain},
 *       {@code servfail}...) and {@code source} ({@code cache}, {@code stale}, {@code hosts},
 *       {@code member}, {@code upstream}, {@code local});</li>
 *   <li>{@code hostdns.query.errors} (counter), tag {@code kind} ({@code timeout}, {@code unreachable},
 *       {@code network}, {@code malformed}, {@code all_down}), for resolutions that ended in an error;</li>
 *   <li>{@code hostdns.query.duration} (timer), tag {@code source}, from subscription to answer;</li>
 *   <li>{@code hostdns.query.upstream.attempts} (distribution summary): upstream attempts per answer,
 *       so values above 1 show hedges and fallbacks that fired.</li>
 * </ul>
 * A cancelled resolution is not counted. Otherwise a transparent {@link Resolver} decorator: the answer
 * and the error pass unchanged, laziness and cancellation kept. The time comes from the registry's clock.
 */
final class MeteredResolver implements Resolver {

    private final Resolver delegate;
    private final MeterRegistry registry;
    private final DistributionSummary attempts;
    private final Map<String, Counter> queries = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    MeteredResolver(Resolver delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.attempts = DistributionSummary.builder("hostdns.query.upstream.attempts")
                .description("upstream attempts started per answered query").register(registry);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return delegate.resolve(query)
                    .switchIfEmpty(Mono.error(() -> new MalformedResponseException(null,
                            "the next resolver completed without an answer for " + query, null)))
                    .doOnNext(answer -> answered(answer, sample))
                    .doOnError(this::failed);
        });
    }

    private void answered(Answer answer, Timer.Sample sample) {
        String rcode = MetricTags.rcode(answer.rcode());
        String source = MetricTags.source(answer.source());
        queries.computeIfAbsent(rcode + '/' + source, k -> Counter.builder("hostdns.queries")
                .description("resolutions answered, by rcode and source")
                .tag("rcode", rcode).tag("source", source).register(registry)).increment();
        sample.stop(durations.computeIfAbsent(source, k -> Timer.builder("hostdns.query.duration")
                .description("time from the start of a resolution to its answer")
                .tag("source", source).register(registry)));
        attempts.record(answer.attempts());
    }

    private void failed(Throwable error) {
        String kind = error instanceof AllUpstreamsDownException ? "all_down" : MetricTags.outcome(UpstreamStatus.Outcome.of(error));
        errors.computeIfAbsent(kind, k -> Counter.builder("hostdns.query.errors")
                .description("resolutions that ended in an error, by kind")
                .tag("kind", kind).register(registry)).increment();
    }
}
