package io.hostdns.transport.forwarder;

import io.hostdns.core.Upstream;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.core.upstream.UpstreamPolicy;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Makes the {@link UpstreamRoutes} of a configuration: for the default resolvers and for each routed domain,
 * a client per upstream from {@link HostDnsForwarder.UpstreamClients} (IPv6 ones left out under {@code disableIPv6}), each with
 * the stack of {@link StageList#upstreamChain}, in one {@link UpstreamGroup}: health-ordered with config order
 * breaking ties, hedged after {@code timeouts.hedgeDelay} (a race when it is zero), falling back on
 * SERVFAIL/REFUSED, each attempt bounded by {@code timeouts.attempt} and the whole by {@code timeouts.overall}.
 */
final class UpstreamRoutesFactory {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRoutesFactory.class);

    private final HostDnsForwarder.UpstreamClients clients;
    private final Scheduler scheduler;
    private final ForwarderMetrics metrics;

    UpstreamRoutesFactory(HostDnsForwarder.UpstreamClients clients, Scheduler scheduler, ForwarderMetrics metrics) {
        this.clients = clients;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    /**
     * The routes of {@code config}.
     *
     * @throws IllegalArgumentException when a route is left with no upstream (every one of them IPv6 with IPv6
     *                                  disabled), naming the field
     */
    UpstreamRoutes create(HostDnsConfig config) {
        List<UpstreamRoutes.Route> made = new ArrayList<>();
        try {
            UpstreamRoutes.Route defaults = route(config, null, config.resolvers(), "hostDNS.resolvers", made);
            List<UpstreamRoutes.Route> domains = new ArrayList<>();
            for (Map.Entry<Name, List<UpstreamSpec>> entry : config.routes().entrySet()) {
                domains.add(route(config, entry.getKey(), entry.getValue(), "hostDNS.routes[" + entry.getKey() + "]",
                        made));
            }
            return new UpstreamRoutes(defaults, domains);
        } catch (RuntimeException e) {
            made.forEach(UpstreamRoutesFactory::dispose);
            throw e;
        }
    }

    private UpstreamRoutes.Route route(HostDnsConfig config, @Nullable Name domain, List<UpstreamSpec> specs,
                                       String field, List<UpstreamRoutes.Route> made) {
        List<Upstream> created = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                UpstreamSpec spec = specs.get(i);
                if (config.disableIPv6() && spec.isIpv6()) {
                    log.info("skipping IPv6 upstream '{}' ({}): hostDNS.disableIPv6 is on", spec.spec(), field);
                    continue;
                }
                created.add(clients.create(i, spec)); // the configured index stays in the id
            }
            if (created.isEmpty()) {
                throw new IllegalArgumentException(field + " has no usable upstream: every one of " + specs
                        + " is IPv6 and hostDNS.disableIPv6 is on");
            }
        } catch (RuntimeException e) {
            created.forEach(UpstreamRoutesFactory::dispose);
            throw e;
        }
        List<Upstream> stacked = created.stream()
                .map(client -> StageList.upstreamChain(metrics.timed(client), scheduler)).toList();
        HostDnsConfig.Timeouts timeouts = config.timeouts();
        GroupStrategy strategy = timeouts.hedgeDelay().isZero() ? GroupStrategy.race()
                : GroupStrategy.hedge(timeouts.hedgeDelay());
        UpstreamGroup group = UpstreamGroup.builder()
                .upstreams(stacked)
                .policy(UpstreamPolicy.healthOrdered())
                .strategy(strategy)
                .attemptTimeout(timeouts.attempt())
                .deadline(timeouts.overall())
                .scheduler(scheduler)
                .build();
        UpstreamRoutes.Route route = new UpstreamRoutes.Route(domain, group, created);
        made.add(route);
        return route;
    }

    private static void dispose(UpstreamRoutes.Route route) {
        route.group().dispose();
        route.clients().forEach(UpstreamRoutesFactory::dispose);
    }

    private static void dispose(Upstream client) {
        if (client.resolver() instanceof Disposable disposable) {
            disposable.dispose();
        }
    }
}
