package io.hostdns.transport.forwarder;

import io.hostdns.core.hosts.Member;
import io.hostdns.core.hosts.NodeIdentity;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.ClientRateLimit;
import io.hostdns.transport.tls.TlsTrust;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The immutable builder of a {@link HostDnsForwarder}: every method returns a new builder and leaves this one
 * as it was. Start from {@link HostDnsForwarder#builder(HostDnsConfig)}; only the configuration is required.
 * Defaults: event loops of its own (disposed with the forwarder), no member source, no node identity, the
 * system's TLS trust, the configuration's listen addresses, {@link Schedulers#parallel()}, a loop check at
 * start with a 2 s probe timeout, at most 1000 upstream queries in flight, no client rate limit.
 */
public final class HostDnsForwarderBuilder {

    final HostDnsConfig config;
    @Nullable DnsResources resources;
    @Nullable Flux<? extends Collection<Member>> members;
    @Nullable NodeIdentity node;
    TlsTrust trust = TlsTrust.systemDefault();
    @Nullable List<InetSocketAddress> listen;
    Scheduler scheduler = Schedulers.parallel();
    @Nullable Duration loopCheckTimeout = Duration.ofSeconds(2);
    int maxUpstreamQueries = 1000;
    @Nullable ClientRateLimit rateLimit;

    HostDnsForwarderBuilder(HostDnsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    private HostDnsForwarderBuilder with(Consumer<HostDnsForwarderBuilder> change) {
        HostDnsForwarderBuilder copy = new HostDnsForwarderBuilder(config);
        copy.resources = resources;
        copy.members = members;
        copy.node = node;
        copy.trust = trust;
        copy.listen = listen;
        copy.scheduler = scheduler;
        copy.loopCheckTimeout = loopCheckTimeout;
        copy.maxUpstreamQueries = maxUpstreamQueries;
        copy.rateLimit = rateLimit;
        change.accept(copy);
        return copy;
    }

    /** Event loops shared with the caller (and its other clients); they are not disposed with the forwarder. */
    public HostDnsForwarderBuilder resources(DnsResources value) {
        Objects.requireNonNull(value, "resources");
        return with(b -> b.resources = value);
    }

    /**
     * The cluster members, each element the complete current set; answered when the configuration has
     * {@code resolveMemberNames}. Subscribed at start, until shutdown.
     */
    public HostDnsForwarderBuilder members(Flux<? extends Collection<Member>> value) {
        Objects.requireNonNull(value, "members");
        return with(b -> b.members = value);
    }

    /** The node's own hostname, FQDN and addresses, answered like static hosts. */
    public HostDnsForwarderBuilder node(NodeIdentity value) {
        Objects.requireNonNull(value, "node");
        return with(b -> b.node = value);
    }

    /** The certificate authorities DoT and DoH upstreams must chain to (default: the system's). */
    public HostDnsForwarderBuilder trust(TlsTrust value) {
        Objects.requireNonNull(value, "trust");
        return with(b -> b.trust = value);
    }

    /**
     * Listen on these addresses instead of the configuration's (port 0: an ephemeral port, as tests do); kept
     * across reconfigurations. The generated resolv.conf still names the configured addresses.
     */
    public HostDnsForwarderBuilder listen(List<InetSocketAddress> value) {
        List<InetSocketAddress> copy = List.copyOf(value);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("listen: at least one address is needed");
        }
        return with(b -> b.listen = copy);
    }

    /** {@link #listen(List)} with the given addresses. */
    public HostDnsForwarderBuilder listen(InetSocketAddress... value) {
        return listen(List.of(value));
    }

    /** The scheduler for timers, health probes and the clock (default {@link Schedulers#parallel()}). */
    public HostDnsForwarderBuilder scheduler(Scheduler value) {
        Objects.requireNonNull(value, "scheduler");
        return with(b -> b.scheduler = value);
    }

    /**
     * How long each loop probe waits for its upstream at start and when upstreams are reconfigured; null
     * turns the loop check off (the check against our own bound addresses always runs).
     */
    public HostDnsForwarderBuilder loopCheck(@Nullable Duration probeTimeout) {
        if (probeTimeout != null && (probeTimeout.isNegative() || probeTimeout.isZero())) {
            throw new IllegalArgumentException("loopCheck timeout must be positive, was " + probeTimeout);
        }
        return with(b -> b.loopCheckTimeout = probeTimeout);
    }

    /**
     * The most upstream queries in flight at once (below the cache, over all routes); a miss past it fails
     * at once (SERVFAIL with EDE 0, or a stale answer) instead of queueing. Default 1000, as CoreDNS.
     */
    public HostDnsForwarderBuilder maxUpstreamQueries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxUpstreamQueries must be >= 1, was " + max);
        }
        return with(b -> b.maxUpstreamQueries = max);
    }

    /** A per-client rate limit on every listener (see {@link ClientRateLimit}); null (the default) for none. */
    public HostDnsForwarderBuilder rateLimit(@Nullable ClientRateLimit limit) {
        return with(b -> b.rateLimit = limit);
    }

    /**
     * Builds and starts the forwarder when subscribed: upstream clients, pipeline, listeners, the loop checks,
     * and resolv.conf when the configuration says to write it. Emits the running forwarder, or fails (with
     * everything it opened closed again) when the configuration is not {@code enabled}, no listener could bind, an upstream loops
     * ({@link ForwardingLoopException}), or resolv.conf cannot be written.
     */
    public Mono<HostDnsForwarder> start() {
        HostDnsForwarderBuilder frozen = with(b -> { });
        return HostDnsForwarder.start(frozen);
    }
}
