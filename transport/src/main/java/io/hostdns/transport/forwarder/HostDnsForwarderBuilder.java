package io.hostdns.transport.forwarder;

import com.github.benmanes.caffeine.cache.Ticker;
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
 * as it was; {@link #start()} starts a forwarder with the settings collected so far. Start from
 * {@link HostDnsForwarder#builder(HostDnsConfig)}; only the configuration is required. Defaults: event loops
 * of its own (disposed with the forwarder), no member source, no node identity, the system's TLS trust, the
 * configuration's listen addresses, {@link Schedulers#parallel()}, a loop check at start with a 2 s probe
 * timeout, at most 1000 upstream queries in flight, no client rate limit, the cache on a coarse system ticker,
 * upstream clients from an {@code UpstreamFactory}.
 */
public final class HostDnsForwarderBuilder {

    private final ForwarderSettings settings;

    HostDnsForwarderBuilder(HostDnsConfig config) {
        this(new ForwarderSettings(config, null, null, null, TlsTrust.systemDefault(), null, Schedulers.parallel(),
                Duration.ofSeconds(2), 1000, null, null, null));
    }

    private HostDnsForwarderBuilder(ForwarderSettings settings) {
        this.settings = settings;
    }

    /** The settings with one change, on a copy; the record itself never changes. */
    private HostDnsForwarderBuilder with(Consumer<Draft> change) {
        Draft draft = new Draft(settings);
        change.accept(draft);
        return new HostDnsForwarderBuilder(draft.settings());
    }

    /** Event loops shared with the caller (and its other clients); they are not disposed with the forwarder. */
    public HostDnsForwarderBuilder resources(DnsResources value) {
        Objects.requireNonNull(value, "resources");
        return with(d -> d.resources = value);
    }

    /**
     * The cluster members, each element the complete current set; answered when the configuration has
     * {@code resolveMemberNames}. Subscribed at start, until shutdown.
     */
    public HostDnsForwarderBuilder members(Flux<? extends Collection<Member>> value) {
        Objects.requireNonNull(value, "members");
        return with(d -> d.members = value);
    }

    /** The node's own hostname, FQDN and addresses, answered like static hosts. */
    public HostDnsForwarderBuilder node(NodeIdentity value) {
        Objects.requireNonNull(value, "node");
        return with(d -> d.node = value);
    }

    /** The certificate authorities DoT and DoH upstreams must chain to (default: the system's). */
    public HostDnsForwarderBuilder trust(TlsTrust value) {
        Objects.requireNonNull(value, "trust");
        return with(d -> d.trust = value);
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
        return with(d -> d.listen = copy);
    }

    /** {@link #listen(List)} with the given addresses. */
    public HostDnsForwarderBuilder listen(InetSocketAddress... value) {
        return listen(List.of(value));
    }

    /** The scheduler for timers, health probes and the clock (default {@link Schedulers#parallel()}). */
    public HostDnsForwarderBuilder scheduler(Scheduler value) {
        Objects.requireNonNull(value, "scheduler");
        return with(d -> d.scheduler = value);
    }

    /**
     * How long each loop probe waits for its upstream at start and when upstreams are reconfigured; null
     * turns the loop check off (the check against our own bound addresses always runs).
     */
    public HostDnsForwarderBuilder loopCheck(@Nullable Duration probeTimeout) {
        if (probeTimeout != null && (probeTimeout.isNegative() || probeTimeout.isZero())) {
            throw new IllegalArgumentException("loopCheck timeout must be positive, was " + probeTimeout);
        }
        return with(d -> d.loopCheckTimeout = probeTimeout);
    }

    /**
     * The most upstream queries in flight at once per configuration (below the cache, over all routes); a miss
     * past it fails at once (SERVFAIL with EDE 0, or a stale answer) instead of queueing. Default 1000, as
     * CoreDNS.
     */
    public HostDnsForwarderBuilder maxUpstreamQueries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxUpstreamQueries must be >= 1, was " + max);
        }
        return with(d -> d.maxUpstreamQueries = max);
    }

    /** A per-client rate limit on every listener (see {@link ClientRateLimit}); null (the default) for none. */
    public HostDnsForwarderBuilder rateLimit(@Nullable ClientRateLimit limit) {
        return with(d -> d.rateLimit = limit);
    }

    /**
     * The clock of the cache's freshness, in nanoseconds (default: the system ticker read every 10 ms). Tests
     * give a ticker they move by hand to run TTLs in virtual time.
     */
    public HostDnsForwarderBuilder ticker(Ticker value) {
        Objects.requireNonNull(value, "ticker");
        return with(d -> d.ticker = value);
    }

    /**
     * How the client of each configured upstream is made (default: an {@code UpstreamFactory} on the
     * forwarder's event loops with its TLS trust), e.g. to set client options or to script upstreams in tests.
     */
    public HostDnsForwarderBuilder upstreamClients(UpstreamClients value) {
        Objects.requireNonNull(value, "upstreamClients");
        return with(d -> d.clients = value);
    }

    /**
     * Builds and starts the forwarder when subscribed: upstream clients, stages, listeners, the loop checks,
     * and resolv.conf when the configuration says to write it. Emits the running forwarder, or fails (with
     * everything it opened closed again) when the configuration is not {@code enabled}, no listener could bind,
     * an upstream loops ({@link ForwardingLoopException}), or resolv.conf cannot be written.
     */
    public Mono<HostDnsForwarder> start() {
        return HostDnsForwarder.start(settings);
    }

    /** A mutable copy of the settings, only ever used inside {@link #with}. */
    private static final class Draft {
        private final HostDnsConfig config;
        private @Nullable DnsResources resources;
        private @Nullable Flux<? extends Collection<Member>> members;
        private @Nullable NodeIdentity node;
        private TlsTrust trust;
        private @Nullable List<InetSocketAddress> listen;
        private Scheduler scheduler;
        private @Nullable Duration loopCheckTimeout;
        private int maxUpstreamQueries;
        private @Nullable ClientRateLimit rateLimit;
        private @Nullable Ticker ticker;
        private @Nullable UpstreamClients clients;

        Draft(ForwarderSettings s) {
            config = s.config();
            resources = s.resources();
            members = s.members();
            node = s.node();
            trust = s.trust();
            listen = s.listen();
            scheduler = s.scheduler();
            loopCheckTimeout = s.loopCheckTimeout();
            maxUpstreamQueries = s.maxUpstreamQueries();
            rateLimit = s.rateLimit();
            ticker = s.ticker();
            clients = s.clients();
        }

        ForwarderSettings settings() {
            return new ForwarderSettings(config, resources, members, node, trust, listen, scheduler, loopCheckTimeout,
                    maxUpstreamQueries, rateLimit, ticker, clients);
        }
    }
}
