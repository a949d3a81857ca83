package io.hostdns.transport.forwarder;

import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.server.RunningDnsServer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * A snapshot of a running {@link HostDnsForwarder}, as {@code hostdns upstreams} and a status endpoint show it.
 *
 * @param listeners      every listener socket (UDP and TCP per listen address) and its state
 * @param upstreams      every upstream group: the default one first, then the routed domains, longest first
 * @param cache          the cache counters, or null when caching is off
 * @param coalescedQueries misses that joined an identical upstream query in flight (the coalescing stage under the
 *                       cache) since start
 * @param loopProbesSeen our own loop probes that came back into a listener since start (0 unless a loop was found)
 */
public record ForwarderStatus(List<RunningDnsServer.ListenerStatus> listeners, List<RouteStatus> upstreams, @Nullable CacheStats cache,
                              long coalescedQueries, long loopProbesSeen) {

    public ForwarderStatus {
        listeners = List.copyOf(listeners);
        upstreams = List.copyOf(upstreams);
    }

    /**
     * The upstreams of one group.
     *
     * @param domain    the routed domain, or null for the default resolvers
     * @param upstreams each upstream's health, in configuration order
     */
    public record RouteStatus(@Nullable Name domain, List<UpstreamStatus> upstreams) {
        public RouteStatus {
            upstreams = List.copyOf(Objects.requireNonNull(upstreams, "upstreams"));
        }
    }

    /** Every upstream of every group, default group first. */
    public List<UpstreamStatus> allUpstreams() {
        return upstreams.stream().flatMap(r -> r.upstreams().stream()).toList();
    }
}
