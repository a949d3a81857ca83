package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.internal.hosts.MemberTable;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The one place where the forwarder's pipeline is defined, like CoreDNS' plugin chain: {@link #of} is the
 * ordered list of stages for a configuration, and the chain is a fold of that list. A query goes
 * <pre>
 *   chaos            CHAOS class (version.bind, id.server...) answered here, never forwarded
 *   loop-probe       our own loop probes coming back are counted and answered NXDOMAIN here
 *   ipv6-disabled    AAAA answered NODATA locally (only with disableIPv6)
 *   hosts            static hosts and the node's own names: A, AAAA, PTR, NODATA for owned names
 *   members          cluster member names (only with resolveMemberNames and a member source)
 *   cache            TTL clamps, negative caching, serve-stale, prefetch (unless cache.maxEntries is 0)
 *   coalesce         identical misses share one upstream query (traced queries go alone)
 *   dnssec           validation: secure answers get AD, bogus ones SERVFAIL with an EDE (only with dnssec.validate)
 *   cap              past maxUpstreamQueries a miss fails at once instead of queueing
 *   routes           terminal: the longest matching routes domain, else the default resolvers, to their group
 * </pre>
 * and, per upstream of a group, {@link #upstreamStack}: health tracking and the attempt timeout (the group's),
 * the sanitizer, the client: the sanitizer is below the validator, which needs the NSEC/NSEC3 proofs it keeps.
 * The cache is above the validator, so it keeps verdicts, and hosts and member answers never get AD. Listeners get {@link #fold} of the list; queries carrying a trace get
 * {@link #foldTraced} of the same list, each stage wrapped by {@link TracedStage}.
 *
 * <p><b>Invariant: the cache holds only answers for names the stages before it pass on.</b> The server
 * therefore answers a hit from the cache before running the stages at all (its synchronous cache-hit path,
 * {@code CachedReplies}, through the forwarder's {@code CacheFront}) and still answers what the stages would.
 * It holds because the cache stores only what reaches it, and whenever a stage before it starts answering a
 * name the forwarder drops that name from the cache: static host changes drop the changed names, member
 * changes the changed member names, turning resolveMemberNames on the member names, and toggling disableIPv6
 * (which also changes the upstreams) the whole cache, AAAA included; see {@link CacheInvalidation}. Until
 * those names are gone (a reconfiguration's switch, a member update until its drop ran) the server's
 * cache-hit path is off and every query runs the stages. Loop probes are random names, never asked before;
 * CHAOS-class questions never get past the first stage. An answer in flight while its name changes owner is
 * stored when it arrives: the window is one query's deadline.
 */
final class StageList {

    /** Never reached: the last stage (routes) answers everything itself. */
    private static final Resolver END = query -> Mono.error(
            new IllegalStateException("the forwarder's stage list has no terminal stage"));

    private StageList() {
    }

    /** The stages for {@code config}, in the order a query meets them. */
    static List<Stage> of(HostDnsConfig config, StageParts parts) {
        List<Stage> stages = new ArrayList<>();
        stages.add(Stage.of("chaos", ChaosAnswers.describe(config.chaos()), "local",
                next -> new ChaosAnswers(config.chaos(), next)));
        stages.add(Stage.of("loop-probe", "our own loop probes coming back are answered NXDOMAIN",
                "our loop probe", next -> parts.loops().stage(next)));
        if (config.disableIPv6()) {
            stages.add(Stage.of("ipv6-disabled", "AAAA answered NODATA locally", "AAAA NODATA", Ipv6Disabled::new));
        }
        stages.add(Stage.of("hosts", config.staticHosts().size() + " static names"
                + (config.hostsFiles().isEmpty() ? "" : ", hosts files " + config.hostsFiles())
                + (parts.nodeNames() ? " and the node's names" : ""), "", next -> new HostsResolver(parts.hosts(), next)));
        MemberTable members = parts.members();
        if (config.resolveMemberNames() && members != null) {
            stages.add(Stage.of("members", "cluster member names", "", members::over));
        }
        CacheStore cache = parts.cache();
        if (cache != null) {
            stages.add(new CacheStage(cache, config.cache()));
        }
        stages.add(new CoalesceStage());
        if (parts.dnssec() != null) {
            stages.add(new DnssecStage(parts.dnssec(), config.dnssec()));
        }
        int cap = parts.maxUpstreamQueries();
        stages.add(Stage.of("cap", "at most " + cap + " upstream queries in flight",
                next -> Resolvers.concurrencyLimit(next, cap)));
        UpstreamRoutes routes = parts.routes();
        stages.add(Stage.of("routes", routes.describe() + "; " + groups(config.timeouts()), next -> routes));
        return List.copyOf(stages);
    }

    /** The chain of {@code stages}: the first stage in front of the second, and so on. */
    static Resolver fold(List<Stage> stages) {
        Resolver chain = END;
        for (int i = stages.size() - 1; i >= 0; i--) {
            chain = stages.get(i).around(chain);
        }
        return chain;
    }

    /** The chain of {@code stages} for traced queries: each stage as it behaves traced, and traced. */
    static Resolver foldTraced(List<Stage> stages) {
        Resolver chain = END;
        for (int i = stages.size() - 1; i >= 0; i--) {
            chain = TracedStage.around(stages.get(i), chain);
        }
        return chain;
    }

    /** The stack of one upstream under its group, outermost first. */
    static List<HostDnsForwarder.StageDescription> upstreamStack(HostDnsConfig.Timeouts timeouts) {
        return List.of(
                new HostDnsForwarder.StageDescription("health+timeout", "the group's: each attempt recorded in the upstream's health, "
                        + "cut after " + timeouts.attempt().toMillis() + " ms"),
                new HostDnsForwarder.StageDescription("sanitizer", "an undecodable answer fails the attempt; records off the "
                        + "question's chain are dropped"),
                new HostDnsForwarder.StageDescription("client", "udp (tcp on truncation), tcp, tls or https, as the spec says"));
    }

    /**
     * The part of {@link #upstreamStack} below the group for {@code client}: the sanitizer over it, with the
     * attempts of traced queries recorded.
     */
    static Upstream upstreamChain(Upstream client, reactor.core.scheduler.Scheduler clock) {
        // each answer is decoded and stripped of records off the question's chain before anything caches it;
        // an undecodable one fails that upstream's attempt, so the group tries the next
        Upstream sanitized = new Upstream(client.id(), Resolvers.sanitized(client.resolver()));
        return AttemptTracing.around(sanitized, clock);
    }

    private static String groups(HostDnsConfig.Timeouts timeouts) {
        String strategy = timeouts.hedgeDelay().isZero() ? "race"
                : "hedge after " + timeouts.hedgeDelay().toMillis() + " ms";
        return "health-ordered, " + strategy + ", fallback on SERVFAIL/REFUSED, " + timeouts.overall().toMillis()
                + " ms overall";
    }

    /** The cache stage: {@code store} in front of the configuration's chain below it. */
    private record CacheStage(CacheStore store, HostDnsConfig.Cache config) implements Stage {
        @Override
        public String name() {
            return "cache";
        }

        @Override
        public String detail() {
            return "maxEntries " + config.maxEntries() + ", TTL " + config.minTtl().toSeconds() + "-"
                    + config.maxTtl().toSeconds() + " s, negative " + config.negativeMinTtl().toSeconds() + "-"
                    + config.negativeMaxTtl().toSeconds() + " s, serve-stale " + (config.serveStale() ? "on" : "off")
                    + ", prefetch " + (config.prefetch() ? "on" : "off");
        }

        @Override
        public Resolver around(Resolver next) {
            return store.over(next);
        }

        @Override
        public String passedOnDetail() {
            return "miss";
        }

        @Override
        public String answeredDetail(Answer answer) {
            return answer.source().kind() == AnswerSource.Kind.STALE ? "stale" : "hit";
        }
    }
}
