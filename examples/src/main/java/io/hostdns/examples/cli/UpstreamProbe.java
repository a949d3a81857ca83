package io.hostdns.examples.cli;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.UpstreamGroup;
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

/**
 * Every upstream of a configuration (the default resolvers, then each route's), in one
 * {@link UpstreamGroup} per scope as the forwarder has them, asked directly with the health probe's question
 * ({@code . NS}, {@link UpstreamGroup#probeAll()}): what {@code hostdns upstreams} shows. Owns its event loops
 * and groups; {@link #dispose()} frees them.
 */
final class UpstreamProbe implements Disposable {

    private final DnsResources resources = DnsResources.create("hostdns-upstreams", 1);
    private final List<Upstream> created = new ArrayList<>();
    private final List<UpstreamGroup> groups = new ArrayList<>();
    private final Map<UpstreamId, String> scopes = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    UpstreamProbe(HostDnsConfig config, Duration attemptTimeout) {
        UpstreamFactory factory = UpstreamFactory.create(resources);
        add(factory, config.resolvers(), "default", config.disableIPv6(), attemptTimeout);
        for (Map.Entry<Name, List<UpstreamSpec>> route : config.routes().entrySet()) {
            add(factory, route.getValue(), route.getKey().toString(), config.disableIPv6(), attemptTimeout);
        }
    }

    private void add(UpstreamFactory factory, List<UpstreamSpec> addresses, String scope, boolean disableIPv6,
                     Duration attemptTimeout) {
        List<Upstream> upstreams = new ArrayList<>();
        for (UpstreamSpec spec : addresses) {
            if (disableIPv6 && spec.isIpv6()) {
                skipped.add(spec + " (" + scope + "): skipped, disableIPv6 is on");
                continue;
            }
            // one numbering over every scope, so that each row of the table has its own #index
            Upstream upstream = factory.create(created.size() + skipped.size(), spec);
            created.add(upstream);
            upstreams.add(upstream);
            scopes.put(upstream.id(), scope);
        }
        if (!upstreams.isEmpty()) {
            groups.add(UpstreamGroup.builder().upstreams(upstreams).attemptTimeout(attemptTimeout)
                    .deadline(attemptTimeout).build());
        }
    }

    /** Asks every upstream once, all at once; completes when each has answered or failed. */
    Mono<Void> probeAll() {
        return Flux.fromIterable(groups).flatMap(UpstreamGroup::probeAll).then();
    }

    /** Each upstream's status, in configuration order. */
    List<UpstreamStatus> status() {
        return groups.stream().flatMap(group -> group.status().stream()).toList();
    }

    /** Each state change from now on. */
    Flux<UpstreamStatus> changes() {
        return Flux.merge(groups.stream().map(UpstreamGroup::statusChanges).toList());
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
        groups.forEach(UpstreamGroup::dispose);
        // DoH keeps its HTTP/2 connections in a pool of its own: close them before the event loops
        Flux.fromIterable(created)
                .filter(u -> u.resolver() instanceof DohResolver)
                .flatMap(u -> ((DohResolver) u.resolver()).disposeLater())
                .then(resources.disposeLater())
                .block(Duration.ofSeconds(10));
    }

    @Override
    public boolean isDisposed() {
        return resources.isDisposed();
    }
}
