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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Everything a {@link HostDnsForwarder} is started with, as {@link HostDnsForwarder.Builder} collected it; the
 * running forwarder reads this record, never its builder. See the builder's methods for each setting.
 *
 * @param config             the initial configuration
 * @param resources          event loops shared with the caller, or null for the forwarder's own
 * @param members            the cluster member sets, or null for none
 * @param node               the node's own names, or null
 * @param trust              the TLS trust of DoT and DoH upstreams
 * @param listen             listen addresses instead of the configuration's, or null
 * @param scheduler          timers, health probes and the clock
 * @param loopCheckTimeout   each loop probe's timeout, or null for no loop probes
 * @param maxUpstreamQueries the cap on upstream queries in flight
 * @param rateLimit          a per-client rate limit on every listener, or null
 * @param ticker             the cache's clock, or null for the coarse system ticker
 * @param clients            how upstream clients are made, or null for an UpstreamFactory on the event loops
 * @param pollInterval       how often followed files (hosts files, a reloaded configuration) are checked
 */
record ForwarderSettings(HostDnsConfig config, @Nullable DnsResources resources,
                         @Nullable Flux<? extends Collection<Member>> members, @Nullable NodeIdentity node,
                         TlsTrust trust, @Nullable List<InetSocketAddress> listen, Scheduler scheduler,
                         @Nullable Duration loopCheckTimeout, int maxUpstreamQueries,
                         @Nullable ClientRateLimit rateLimit, @Nullable Ticker ticker,
                         HostDnsForwarder.@Nullable UpstreamClients clients, Duration pollInterval) {

    ForwarderSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(pollInterval, "pollInterval");
        listen = listen == null ? null : List.copyOf(listen);
    }

    /** A mutable copy of the settings, only ever used inside the builder's {@code with}. */
    static final class Draft {
        final HostDnsConfig config;
        @Nullable DnsResources resources;
        @Nullable Flux<? extends Collection<Member>> members;
        @Nullable NodeIdentity node;
        TlsTrust trust;
        @Nullable List<InetSocketAddress> listen;
        Scheduler scheduler;
        @Nullable Duration loopCheckTimeout;
        int maxUpstreamQueries;
        @Nullable ClientRateLimit rateLimit;
        @Nullable Ticker ticker;
        HostDnsForwarder.@Nullable UpstreamClients clients;
        Duration pollInterval;

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
            pollInterval = s.pollInterval();
        }

        ForwarderSettings settings() {
            return new ForwarderSettings(config, resources, members, node, trust, listen, scheduler, loopCheckTimeout,
                    maxUpstreamQueries, rateLimit, ticker, clients, pollInterval);
        }
    }
}
