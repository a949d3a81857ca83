package io.hostdns.transport.forwarder;

import io.hostdns.core.Upstream;
import io.hostdns.core.guard.SanitizingResolver;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.core.upstream.UpstreamPolicy;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.TimeoutConfig;
import io.hostdns.transport.tls.TlsTrust;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Makes the {@link UpstreamRoutes} of a configuration: for the default resolvers and for each routed domain,
 * transport clients from {@link UpstreamFactory} (IPv6 ones left out under {@code disableIPv6}), each
 * wrapped for tracing, in one {@link UpstreamGroup}: health-ordered with config order breaking ties,
 * hedged after {@code timeouts.hedgeDelay} (a race when it is zero), falling back on SERVFAIL/REFUSED,
 * each attempt bounded by {@code timeouts.attempt} and the whole by {@code timeouts.overall}.
 */
final class UpstreamRoutesFactory {

    private final DnsResources resources;
    private final TlsTrust trust;
    private final Scheduler scheduler;

    UpstreamRoutesFactory(DnsResources resources, TlsTrust trust, Scheduler scheduler) {
        this.resources = resources;
        this.trust = trust;
        this.scheduler = scheduler;
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
            UpstreamRoutes.Route defaults = route(config, null, config.resolvers(), "hostDNS.resolvers");
            made.add(defaults);
            List<UpstreamRoutes.Route> domains = new ArrayList<>();
            for (Map.Entry<Name, List<UpstreamSpec>> entry : config.routes().entrySet()) {
                UpstreamRoutes.Route route = route(config, entry.getKey(), entry.getValue(),
                        "hostDNS.routes[" + entry.getKey() + "]");
                made.add(route);
                domains.add(route);
            }
            return new UpstreamRoutes(defaults, domains);
        } catch (RuntimeException e) {
            made.forEach(UpstreamRoutesFactory::dispose);
            throw e;
        }
    }

    private UpstreamRoutes.Route route(HostDnsConfig config, @Nullable Name domain, List<UpstreamSpec> addresses,
                                       String field) {
        UpstreamFactory factory = UpstreamFactory.create(resources).trust(trust).allowIpv6(!config.disableIPv6());
        List<Upstream> clients = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            UpstreamSpec spec = addresses.get(i);
            if (!config.disableIPv6() || !spec.isIpv6()) {
                clients.add(factory.create(i, spec)); // the configured index kept in the id
            }
        }
        if (clients.isEmpty()) {
            throw new IllegalArgumentException(field + " has no usable upstream: every one of " + addresses
                    + " is IPv6 and hostDNS.disableIPv6 is on");
        }
        // each answer is decoded and stripped of records off the question's chain before anything caches it;
        // an undecodable one fails that upstream's attempt, so the group tries the next
        List<Upstream> traced = clients.stream()
                .map(c -> TracingResolvers.attempt(new Upstream(c.id(), new SanitizingResolver(c.resolver())), scheduler))
                .toList();
        TimeoutConfig timeouts = config.timeouts();
        GroupStrategy strategy = timeouts.hedgeDelay().isZero() ? GroupStrategy.race()
                : GroupStrategy.hedge(timeouts.hedgeDelay());
        UpstreamGroup group = UpstreamGroup.builder()
                .upstreams(traced)
                .policy(UpstreamPolicy.healthOrdered())
                .strategy(strategy)
                .attemptTimeout(timeouts.attempt())
                .deadline(timeouts.overall())
                .scheduler(scheduler)
                .build();
        return new UpstreamRoutes.Route(domain, group, clients);
    }

    private static void dispose(UpstreamRoutes.Route route) {
        route.group().dispose();
        for (Upstream client : route.clients()) {
            if (client.resolver() instanceof Disposable d) {
                d.dispose();
            }
        }
    }
}
