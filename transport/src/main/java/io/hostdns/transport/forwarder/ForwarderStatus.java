package io.hostdns.transport.forwarder;

import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.server.RunningDnsServer;
import java.time.Instant;
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
 * @param hedges         hedges fired and won by every upstream group since start, retired ones included
 * @param config         the configuration in force: when and from where it was applied, and the last reload failure
 */
public record ForwarderStatus(List<RunningDnsServer.ListenerStatus> listeners, List<RouteStatus> upstreams, @Nullable CacheStats cache,
                              long coalescedQueries, long loopProbesSeen, UpstreamGroup.Hedges hedges,
                              ConfigStatus config) {

    public ForwarderStatus {
        listeners = List.copyOf(listeners);
        upstreams = List.copyOf(upstreams);
        Objects.requireNonNull(hedges, "hedges");
        Objects.requireNonNull(config, "config");
    }

    /**
     * How the configuration in force came to be. A reload that fails (a file that does not parse or validate, a
     * configuration the forwarder refuses) leaves the previous configuration serving and is recorded here until
     * the next one succeeds.
     *
     * @param source      where the configuration is read from (the file), or null when it was given in code
     * @param appliedAt   when the configuration in force was applied (start or the last successful reload)
     * @param applied     configurations applied since start, the first one included
     * @param failed      reloads that failed since start
     * @param lastError   the last failure in one line (field, value, what is allowed), or null when the last
     *                    reload succeeded
     * @param lastErrorAt when it failed, or null
     */
    public record ConfigStatus(@Nullable String source, Instant appliedAt, long applied, long failed,
                               @Nullable String lastError, @Nullable Instant lastErrorAt) {

        public ConfigStatus {
            Objects.requireNonNull(appliedAt, "appliedAt");
        }
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
