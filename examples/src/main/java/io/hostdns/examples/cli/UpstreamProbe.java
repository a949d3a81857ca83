package io.hostdns.examples.cli;

import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.internal.health.HealthRegistry;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.internal.health.HealthTrackingResolver;
import io.hostdns.core.health.ProbeSettings;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.https.DohResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every upstream of a configuration (the default resolvers, then each route's), asked directly with the
 * health probe's question ({@code . NS}) and tracked in one {@link HealthRegistry}: what
 * {@code hostdns upstreams} shows. Owns its event loops and registry; {@link #dispose()} frees them.
 */
final class UpstreamProbe implements Disposable {

    private final DnsResources resources = DnsResources.create("hostdns-upstreams", 1);
    private final List<Upstream> created = new ArrayList<>();
    private final List<Upstream> tracked = new ArrayList<>();
    private final Map<UpstreamId, String> scopes = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final HealthRegistry registry;
    private final Query question = ProbeSettings.DEFAULTS.query();

    UpstreamProbe(HostDnsConfig config, Duration attemptTimeout) {
        UpstreamFactory factory = UpstreamFactory.create(resources);
        List<Upstream> upstreams = new ArrayList<>();
        add(upstreams, factory, config.resolvers(), "default", config.disableIPv6());
        for (Map.Entry<Name, List<UpstreamSpec>> route : config.routes().entrySet()) {
            add(upstreams, factory, route.getValue(), route.getKey().toString(), config.disableIPv6());
        }
        registry = new HealthRegistry(upstreams.stream().map(Upstream::id).toList(), HealthThresholds.DEFAULTS,
                Schedulers.parallel());
        created.addAll(upstreams);
        for (Upstream upstream : upstreams) {
            tracked.add(HealthTrackingResolver.track(Resolvers.withAttemptTimeout(upstream, attemptTimeout),
                    registry, Schedulers.parallel()));
        }
    }

    private void add(List<Upstream> into, UpstreamFactory factory, List<UpstreamSpec> addresses, String scope,
                     boolean disableIPv6) {
        for (UpstreamSpec spec : addresses) {
            if (disableIPv6 && spec.isIpv6()) {
                skipped.add(spec + " (" + scope + "): skipped, disableIPv6 is on");
                continue;
            }
            Upstream upstream = factory.create(into.size() + skipped.size(), spec);
            into.add(upstream);
            scopes.put(upstream.id(), scope);
        }
    }

    /** Asks every upstream once, all at once; completes when each has answered or failed. */
    Mono<Void> probeAll() {
        return Flux.fromIterable(tracked)
                // the registry has recorded the failure (it is what the table shows): nothing else to do with it
                .flatMap(upstream -> upstream.resolver().resolve(question).then().onErrorResume(e -> Mono.empty()))
                .then();
    }

    /** Each upstream's status, in configuration order. */
    List<UpstreamStatus> status() {
        return registry.status();
    }

    /** Each state change from now on. */
    Flux<UpstreamStatus> changes() {
        return registry.changes();
    }

    /** Where the upstream is used: {@code default} or the route's domain. */
    String scope(UpstreamId id) {
        return scopes.getOrDefault(id, "default");
    }

    /** Upstreams left out, one line each. */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void dispose() {
        registry.dispose();
        // DoH keeps its HTTP/2 connections in a pool of its own: close them before the event loops
        Flux.fromIterable(created)
                .filter(u -> u.resolver() instanceof DohResolver)
                .flatMap(u -> ((DohResolver) u.resolver()).disposeLater())
                .then(resources.disposeLater())
                .block(Duration.ofSeconds(10));
    }

    @Override
    public boolean isDisposed() {
        return registry.isDisposed();
    }
}
