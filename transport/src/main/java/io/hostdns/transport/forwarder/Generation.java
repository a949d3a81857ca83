package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.util.List;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * One configuration of a running forwarder, swapped as a whole on reconfiguration: the stage list of
 * {@link StageList#of}, its two folds and the parts it was built from.
 *
 * @param config the configuration
 * @param parts  what the stages were built from (routes, cache store, tables)
 * @param stages the stages, in the order a query meets them
 * @param plain  the chain the listeners ask: no tracing, no Context lookups
 * @param traced the same stages folded for queries that carry a {@link QueryTrace}
 */
record Generation(HostDnsConfig config, StageParts parts, List<Stage> stages, Resolver plain, Resolver traced)
        implements Resolver {

    Generation {
        stages = List.copyOf(stages);
    }

    /** The generation of {@code config} built from {@code parts}. */
    static Generation of(HostDnsConfig config, StageParts parts) {
        List<Stage> stages = StageList.of(config, parts);
        return new Generation(config, parts, stages, StageList.fold(stages), StageList.foldTraced(stages));
    }

    /** Through {@link #plain()}, or {@link #traced()} when the Context carries a {@link QueryTrace}. */
    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.deferContextual(context -> QueryTrace.current(context) == null ? plain.resolve(query)
                : traced.resolve(query));
    }

    /** Name and detail of each stage. */
    List<HostDnsForwarder.StageDescription> describe() {
        return stages.stream().map(Stage::describe).toList();
    }

    /** The stage names in order, then the stack under each upstream, for the start-up log. */
    String summary() {
        return stages.stream().map(Stage::name).collect(Collectors.joining(" → "))
                + "; per upstream: " + StageList.upstreamStack(config.timeouts()).stream().map(HostDnsForwarder.StageDescription::name)
                .collect(Collectors.joining(" → "));
    }

    /** Queries that joined an identical upstream query in flight in this generation's coalescing stage. */
    long coalescedQueries() {
        return stages.stream().filter(CoalesceStage.class::isInstance).mapToLong(s -> ((CoalesceStage) s).coalescedQueries())
                .sum();
    }
}
