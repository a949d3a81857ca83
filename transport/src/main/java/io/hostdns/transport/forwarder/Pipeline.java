package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.config.HostDnsConfig;
import io.hostdns.core.hosts.StaticHosts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One assembled generation of the forwarder's pipeline, swapped as a whole on reconfiguration.
 *
 * @param config       the configuration it was assembled from
 * @param front        the whole chain, what the listeners ask
 * @param belowMembers the part under the member names stage (cache and upstreams), which the long-lived
 *                     member resolver forwards to through the forwarder's current pipeline
 * @param cache        the cache, or null when {@code hostDNS.cache.maxEntries} is 0
 * @param staticHosts  the static host table answered by this generation
 * @param routes       the upstream generation the cache forwards to while this pipeline is current
 */
record Pipeline(HostDnsConfig config, Resolver front, Resolver belowMembers, @Nullable CachingResolver cache,
                StaticHosts staticHosts, UpstreamRoutes routes) implements Resolver {

    @Override
    public Mono<Answer> resolve(Query query) {
        return front.resolve(query);
    }
}
