package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One assembled generation of the forwarder's pipeline, swapped as a whole on reconfiguration.
 *
 * @param config       the configuration it was assembled from
 * @param front        the whole chain, what the listeners ask
 * @param traced       the same chain with tracing decorators on every stage, for queries carrying a trace
 * @param belowMembers the part under the member names stage (cache and upstreams), which the long-lived
 *                     member resolver forwards to through the forwarder's current pipeline
 * @param tracedBelowMembers the same part with its tracing decorators
 * @param cache        the cache, or null when {@code hostDNS.cache.maxEntries} is 0
 * @param staticHosts  the static host table answered by this generation
 * @param routes       the upstream generation the cache forwards to while this pipeline is current
 */
record Pipeline(HostDnsConfig config, Resolver front, Resolver traced, Resolver belowMembers, Resolver tracedBelowMembers, @Nullable CachingResolver cache,
                StaticHosts staticHosts, UpstreamRoutes routes) implements Resolver {

    /** Through {@link #front()}, or {@link #traced()} when the Context carries a {@link QueryTrace}. */
    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.deferContextual(context -> QueryTrace.current(context) == null ? front.resolve(query)
                : traced.resolve(query));
    }
}
