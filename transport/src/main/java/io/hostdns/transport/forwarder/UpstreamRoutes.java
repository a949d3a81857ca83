package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.core.upstream.UpstreamGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One generation of upstreams: the default {@link UpstreamGroup} and one group per routed domain (split
 * horizon, the longest matching domain wins), with the transport clients under them. As a
 * {@link Resolver} it sends each query to its group and counts the queries in flight, so that a
 * reconfiguration can {@linkplain #retire() retire} it: queries already running finish on it, and its
 * groups and clients are disposed once they have drained.
 */
final class UpstreamRoutes implements Resolver {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRoutes.class);

    /** One group and what it is for. */
    record Route(@Nullable Name domain, UpstreamGroup group, List<Upstream> clients) {
    }

    private final Route defaultRoute;
    private final List<Route> routes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private volatile boolean retired;

    UpstreamRoutes(Route defaultRoute, List<Route> domainRoutes) {
        this.defaultRoute = defaultRoute;
        List<Route> sorted = new ArrayList<>(domainRoutes);
        // longest domain first, so the first match is the most specific one
        sorted.sort(Comparator.comparingInt((Route r) -> r.domain() == null ? 0 : r.domain().labels()).reversed());
        this.routes = List.copyOf(sorted);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Route route = routeFor(query.name());
        Mono<Answer> resolution = Mono.deferContextual(context -> {
            QueryTrace trace = QueryTrace.current(context);
            if (trace != null) {
                trace.record(new QueryTrace.Event.Route(route.domain()));
            }
            return route.group().resolve(query);
        });
        return Mono.defer(() -> {
            inFlight.incrementAndGet();
            return resolution.doFinally(signal -> ended());
        });
    }

    /** The route whose domain is the longest one containing {@code name}, else the default route. */
    Route routeFor(Name name) {
        for (Route route : routes) {
            if (name.subdomain(route.domain())) {
                return route;
            }
        }
        return defaultRoute;
    }

    /** The default route first, then the domain routes, longest domain first. */
    List<Route> all() {
        List<Route> all = new ArrayList<>(routes.size() + 1);
        all.add(defaultRoute);
        all.addAll(routes);
        return all;
    }

    /** Every transport client of every route, for loop probing. */
    List<Upstream> clients() {
        List<Upstream> clients = new ArrayList<>();
        for (Route route : all()) {
            clients.addAll(route.clients());
        }
        return clients;
    }

    /** How many queries are running on this generation now. */
    int inFlight() {
        return inFlight.get();
    }

    private void ended() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.tryEmitEmpty();
        }
    }

    /**
     * Stops taking part in new queries' routing (the caller has switched away) and completes once the
     * queries in flight have ended, or after {@code grace}, whichever comes first; then disposes the groups and
     * clients. Queries still running after the grace period (none should: each is bounded by its deadline)
     * are cut off by the disposal.
     */
    Mono<Void> retire(java.time.Duration grace, reactor.core.scheduler.Scheduler timer) {
        retired = true;
        if (inFlight.get() == 0) {
            drained.tryEmitEmpty();
        }
        return Mono.firstWithSignal(drained.asMono(), Mono.delay(grace, timer).then())
                .then(Mono.fromRunnable(this::dispose));
    }

    /** Disposes every group and client now. */
    void dispose() {
        for (Route route : all()) {
            route.group().dispose();
            for (Upstream client : route.clients()) {
                if (client.resolver() instanceof Disposable disposable) {
                    disposable.dispose();
                }
            }
        }
        log.debug("upstream generation disposed: {}", describe());
    }

    /** The groups' upstreams, for logs. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Route route : all()) {
            text.append(route.domain() == null ? "default" : route.domain().toString()).append('=')
                    .append(route.group().upstreams()).append(' ');
        }
        return text.toString().trim();
    }
}
