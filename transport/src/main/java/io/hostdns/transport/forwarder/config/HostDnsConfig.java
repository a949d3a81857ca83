package io.hostdns.transport.forwarder.config;

import static io.hostdns.transport.forwarder.config.Durations.requireBetween;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.server.ClientRateLimit;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * The whole configuration of the host DNS forwarder, shaped like Talos' {@code hostDNS} section and
 * extended with what Talos lacks (cache and timeout knobs, per-domain routes, ACL, static hosts).
 * Build it with {@link #builder()} (or change one with {@link #toBuilder()}) or load it with
 * {@link HostDnsConfigLoader}; either way every invalid value fails with a {@link ConfigException} naming the
 * field, the value and what is allowed. Upstreams are {@link UpstreamSpec}s, parsed once by the transport's
 * one grammar and used as they are to make the clients.
 *
 * <p>Listening: {@code listen} (default {@code 127.0.0.53:53}); with {@code forwardKubeDNSToHost}
 * the pod-facing address on port 53 is added (see {@link #listenAddresses()}). No upstream, in
 * {@code resolvers} or {@code routes}, may be one of those listen addresses.
 *
 * @param enabled              whether the forwarder runs at all
 * @param forwardKubeDNSToHost also listen on {@code podFacingAddress:53} so that cluster DNS can forward to the host
 * @param resolveMemberNames   answer cluster member names locally
 * @param resolvers            the default upstreams, in the order ties are broken; never empty
 * @param listen               the configured listen addresses; never empty
 * @param podFacingAddress     the pod-facing address (default {@code 169.254.116.108}, Talos' "t.l")
 * @param cache                cache sizes and TTL clamps
 * @param timeouts             attempt and overall budgets, hedge delay
 * @param queryLog             level of the per-query log line
 * @param disableIPv6          answer AAAA with NODATA and do not use IPv6 upstreams
 * @param routes               per-domain upstreams (split horizon): lower-cased absolute domain → upstreams,
 *                             in configured order; the longest matching domain wins
 * @param acl                  which clients may query
 * @param staticHosts          local names → addresses, answered authoritatively
 * @param resolvConf           how the host's resolv.conf is treated
 * @param chaos                what CHAOS-class questions about the forwarder itself are answered
 * @param metrics              where the HTTP endpoints (metrics, health, readiness, upstreams) are served
 * @param hostsFiles           hosts(5) files answered by the hosts stage like static hosts, re-read when they
 *                             change; absolute paths, in the order their entries are added
 * @param rateLimit            the per-client rate limit of every listener, or null for none
 * @param dnssec               DNSSEC validation (off by default)
 */
public record HostDnsConfig(boolean enabled, boolean forwardKubeDNSToHost, boolean resolveMemberNames,
                            List<UpstreamSpec> resolvers, List<ListenAddress> listen,
                            InetAddress podFacingAddress, Cache cache, Timeouts timeouts,
                            QueryLog queryLog, boolean disableIPv6, Map<Name, List<UpstreamSpec>> routes,
                            Acl acl, Map<Name, List<InetAddress>> staticHosts, ResolvConf resolvConf,
                            Chaos chaos, Metrics metrics, List<Path> hostsFiles,
                            @Nullable ClientRateLimit rateLimit, Dnssec dnssec) {

    /** Talos' pod-facing host DNS address, 169.254.116.108. */
    public static final String DEFAULT_POD_FACING_ADDRESS = "169.254.116.108";

    public HostDnsConfig {
        resolvers = List.copyOf(resolvers);
        listen = List.copyOf(listen);
        Objects.requireNonNull(podFacingAddress, "podFacingAddress");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(queryLog, "queryLog");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(resolvConf, "resolvConf");
        Objects.requireNonNull(chaos, "chaos");
        Objects.requireNonNull(metrics, "metrics");
        hostsFiles = ConfigChecks.hostsFiles(hostsFiles);
        Objects.requireNonNull(dnssec, "dnssec");
        if (resolvers.isEmpty()) {
            throw ConfigException.invalid("hostDNS.resolvers", "[]", "a non-empty list of upstreams");
        }
        if (listen.isEmpty()) {
            throw ConfigException.invalid("hostDNS.listen", "[]", "a non-empty list of host:port strings");
        }
        routes = ConfigChecks.routes(routes);
        staticHosts = ConfigChecks.staticHosts(staticHosts);
        LoopGuard.check(resolvers, routes, listeners(listen, forwardKubeDNSToHost, podFacingAddress));
    }

    /** A builder holding the defaults: 127.0.0.53:53, upstreams 1.1.1.1 and 8.8.8.8, Talos-like cache. */
    public static Builder builder() {
        return new Builder(ConfigDraft.defaults());
    }

    /**
     * A builder holding this configuration, to change some of it. The ACL is kept as it is unless it is the
     * default one, which the builder then derives again (so turning {@code forwardKubeDNSToHost} on allows
     * the pod-facing address).
     */
    public Builder toBuilder() {
        return new Builder(ConfigDraft.of(this));
    }

    /** The configuration with every default. */
    public static HostDnsConfig defaults() {
        return builder().build();
    }

    /**
     * Every address to listen on: {@code listen}, then, with {@code forwardKubeDNSToHost}, the
     * pod-facing address on port 53 unless already listed.
     */
    public List<ListenAddress> listenAddresses() {
        List<ListenAddress> all = new ArrayList<>();
        for (LoopGuard.Listener l : listeners(listen, forwardKubeDNSToHost, podFacingAddress)) {
            all.add(l.address());
        }
        return List.copyOf(all);
    }

    /**
     * The resolv.conf this configuration points the host at: the listen addresses on port 53 as name servers
     * (at most 3, as glibc reads no more; a wildcard listener stands for loopback of its family), and
     * {@code current}'s options and search domains (cleared unless {@code resolvConf.keepSearch}).
     *
     * @throws IllegalArgumentException when no listen address is on port 53 (resolv.conf cannot name a port)
     */
    public io.hostdns.core.search.ResolvConf resolvConfFor(io.hostdns.core.search.ResolvConf current) {
        return ResolvConfPlan.pointingAt(ResolvConfPlan.serversFor(listenAddresses()), current,
                resolvConf.keepSearch());
    }

    private static List<LoopGuard.Listener> listeners(List<ListenAddress> listen, boolean forward, InetAddress pod) {
        List<LoopGuard.Listener> all = new ArrayList<>();
        for (int i = 0; i < listen.size(); i++) {
            all.add(new LoopGuard.Listener("hostDNS.listen[" + i + "]", listen.get(i)));
        }
        ListenAddress podFacing = new ListenAddress(pod, 53);
        if (forward && !listen.contains(podFacing)) {
            all.add(new LoopGuard.Listener("hostDNS.podFacingAddress", podFacing));
        }
        return all;
    }

    /**
     * The answer cache of the forwarder ({@code hostDNS.cache}). Defaults follow Talos and DESIGN.md:
     * 10 000 entries, positive TTLs clamped to 5 s-1 h, negative TTLs (from the SOA) to 5-10 s so that
     * new names appear quickly, SERVFAIL kept 5 s; serve-stale on (RFC 8767: up to 1 d past expiry, after
     * 1.8 s or at once when every upstream is known DOWN, TTL 30 s, EDE 3 or 19) and prefetch on, so that an
     * upstream outage does not take down the names a host already uses.
     *
     * @param maxEntries         most answers kept; 0 disables caching (0-10 000 000)
     * @param minTtl             positive TTLs below this are raised to it
     * @param maxTtl             positive TTLs above this are lowered to it
     * @param negativeMinTtl     lower clamp for NXDOMAIN/NODATA
     * @param negativeMaxTtl     upper clamp for NXDOMAIN/NODATA
     * @param servfailTtl        how long a SERVFAIL answer is kept (RFC 2308 §7.1 allows up to 5 min); 0 = not cached
     * @param serveStale         answer from expired entries when the upstreams fail or are slow (RFC 8767)
     * @param maxStale           how long after expiry an entry may still be served stale
     * @param staleAnswerTimeout how long to wait for upstreams before answering stale (RFC 8767 suggests 1.8 s)
     * @param staleAnswerTtl     the TTL put on a stale answer (RFC 8767: 30 s)
     * @param prefetch           refresh popular entries shortly before they expire
     */
    public record Cache(int maxEntries, Duration minTtl, Duration maxTtl, Duration negativeMinTtl,
                              Duration negativeMaxTtl, Duration servfailTtl, boolean serveStale, Duration maxStale,
                              Duration staleAnswerTimeout, Duration staleAnswerTtl, boolean prefetch) {

        private static final String P = "hostDNS.cache.";
        private static final Duration DAY = Duration.ofDays(1);

        public Cache {
            if (maxEntries < 0 || maxEntries > 10_000_000) {
                throw ConfigException.invalid(P + "maxEntries", maxEntries, "an integer from 0 (no cache) to 10000000");
            }
            requireBetween(P + "minTtl", Objects.requireNonNull(minTtl, "minTtl"), Duration.ZERO, DAY);
            requireBetween(P + "maxTtl", Objects.requireNonNull(maxTtl, "maxTtl"), Duration.ofSeconds(1), Duration.ofDays(7));
            if (maxTtl.compareTo(minTtl) < 0) {
                throw ConfigException.invalid(P + "maxTtl", Durations.format(maxTtl),
                        "at least " + P + "minTtl (" + Durations.format(minTtl) + ")");
            }
            requireBetween(P + "negativeMinTtl", Objects.requireNonNull(negativeMinTtl, "negativeMinTtl"), Duration.ZERO, DAY);
            requireBetween(P + "negativeMaxTtl", Objects.requireNonNull(negativeMaxTtl, "negativeMaxTtl"), Duration.ZERO, DAY);
            if (negativeMaxTtl.compareTo(negativeMinTtl) < 0) {
                throw ConfigException.invalid(P + "negativeMaxTtl", Durations.format(negativeMaxTtl),
                        "at least " + P + "negativeMinTtl (" + Durations.format(negativeMinTtl) + ")");
            }
            requireBetween(P + "servfailTtl", Objects.requireNonNull(servfailTtl, "servfailTtl"), Duration.ZERO,
                    Duration.ofMinutes(5));
            requireBetween(P + "maxStale", Objects.requireNonNull(maxStale, "maxStale"), Duration.ZERO, Duration.ofDays(7));
            requireBetween(P + "staleAnswerTimeout", Objects.requireNonNull(staleAnswerTimeout, "staleAnswerTimeout"),
                    Duration.ZERO, Duration.ofSeconds(30));
            requireBetween(P + "staleAnswerTtl", Objects.requireNonNull(staleAnswerTtl, "staleAnswerTtl"),
                    Duration.ofSeconds(1), Duration.ofHours(1));
        }

        /** The defaults described above. */
        public static Cache defaults() {
            return new Cache(10_000, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(5), true, DAY, Duration.ofMillis(1800),
                    Duration.ofSeconds(30), true);
        }
    }

    /**
     * Time budgets of one forwarded query ({@code hostDNS.timeouts}). Talos gives each upstream 2 s and
     * the whole query 4.5 s but does not enforce the budget inside an attempt; here both are deadlines.
     *
     * @param attempt    the most one upstream attempt may take (1 ms-30 s; default 2 s)
     * @param overall    the whole query's budget, every attempt included (at least {@code attempt}, at most
     *                   60 s; default 4.5 s)
     * @param hedgeDelay how long to wait for an upstream before also asking the next one; 0 asks all at
     *                   once (a race); at most {@code attempt}; default 200 ms
     */
    public record Timeouts(Duration attempt, Duration overall, Duration hedgeDelay) {

        private static final String P = "hostDNS.timeouts.";

        public Timeouts {
            requireBetween(P + "attempt", Objects.requireNonNull(attempt, "attempt"), Duration.ofMillis(1),
                    Duration.ofSeconds(30));
            requireBetween(P + "overall", Objects.requireNonNull(overall, "overall"), attempt, Duration.ofSeconds(60));
            requireBetween(P + "hedgeDelay", Objects.requireNonNull(hedgeDelay, "hedgeDelay"), Duration.ZERO, attempt);
        }

        /** 2 s per attempt, 4.5 s overall, hedge after 200 ms. */
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(4500), Duration.ofMillis(200));
        }
    }

    /**
     * Which clients may query the forwarder ({@code hostDNS.acl}); others are answered REFUSED.
     *
     * <p>The default allows loopback only ({@code 127.0.0.0/8}, {@code ::1/128}) and, when
     * {@code forwardKubeDNSToHost} is on, the pod-facing address itself. Note that pods reach the
     * pod-facing address from their own (pod CIDR) addresses: a cluster that forwards to the host must list
     * its pod networks in {@code allow}. An explicit {@code allow} list replaces the default entirely.
     *
     * @param allow the client networks that may query; never empty
     */
    public record Acl(List<Cidr> allow) {

        public Acl {
            allow = List.copyOf(allow);
            if (allow.isEmpty()) {
                throw ConfigException.invalid("hostDNS.acl.allow", "[]", "a non-empty list of client networks");
            }
        }

        /** The default described above. */
        public static Acl defaults(boolean forwardKubeDNSToHost, InetAddress podFacingAddress) {
            List<Cidr> allow = new ArrayList<>();
            allow.add(Cidr.parse("hostDNS.acl.allow", "127.0.0.0/8"));
            allow.add(Cidr.parse("hostDNS.acl.allow", "::1/128"));
            if (forwardKubeDNSToHost) {
                allow.add(Cidr.host(podFacingAddress));
            }
            return new Acl(allow);
        }

        /** Whether a client at {@code address} may query. */
        public boolean allows(InetAddress address) {
            for (Cidr network : allow) {
                if (network.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * How the forwarder treats the host's resolv.conf ({@code hostDNS.resolvConf}).
     *
     * @param path       the file to read and, when {@code write} is on, to rewrite (default {@code /etc/resolv.conf})
     * @param write      rewrite it to point at our listen addresses (default off: an embedding service
     *                   must not take over the host's resolver unasked)
     * @param keepSearch keep its search domains when rewriting (default on); off clears them, which pods
     *                   with {@code ndots:5} need when the LAN search domains multiply queries (talos #13870)
     */
    public record ResolvConf(Path path, boolean write, boolean keepSearch) {

        public ResolvConf {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw ConfigException.invalid("hostDNS.resolvConf.path", path.toString(), "an absolute file path");
            }
        }

        /** {@code /etc/resolv.conf}, not written, search kept. */
        public static ResolvConf defaults() {
            return new ResolvConf(Path.of("/etc/resolv.conf"), false, true);
        }
    }

    /**
     * DNSSEC validation ({@code hostDNS.dnssec}), off by default. With {@code validate} on, a validating stage
     * sits between the coalescer and the upstream routes: it asks with DO and CD set, answers secure data with AD
     * (to clients that set DO or AD), bogus data with SERVFAIL and an Extended DNS Error, and passes CD=1 queries
     * through unvalidated. It trusts the root zone's KSK-2017 and KSK-2024 (built in) and the DS or DNSKEY records
     * of each {@code trustAnchors} file, which are read when the forwarder starts and again when a reconfiguration
     * changes this section.
     *
     * @param validate             validate answers (default off)
     * @param trustAnchors         absolute paths of files of DS or DNSKEY records in zone-file syntax, trusted
     *                             besides the built-in root anchors (a private signed zone's keys)
     * @param negativeTrustAnchors domains under which nothing is validated (RFC 7646): answers pass with AD clear
     * @param bogusTtl             how long a SERVFAIL for a DNSSEC failure (Extended DNS Error 1 to 12, from this
     *                             validator or an upstream's) is cached, 0 (not cached) to 5 min; default 5 s
     */
    public record Dnssec(boolean validate, List<Path> trustAnchors, List<Name> negativeTrustAnchors,
                         Duration bogusTtl) {

        private static final String P = "hostDNS.dnssec.";

        public Dnssec {
            trustAnchors = List.copyOf(trustAnchors);
            negativeTrustAnchors = List.copyOf(negativeTrustAnchors);
            for (int i = 0; i < trustAnchors.size(); i++) {
                if (!trustAnchors.get(i).isAbsolute()) {
                    throw ConfigException.invalid(P + "trustAnchors[" + i + "]", trustAnchors.get(i).toString(),
                            "an absolute file path");
                }
            }
            for (int i = 0; i < negativeTrustAnchors.size(); i++) {
                if (!negativeTrustAnchors.get(i).isAbsolute()) {
                    throw ConfigException.invalid(P + "negativeTrustAnchors[" + i + "]",
                            negativeTrustAnchors.get(i).toString(), "an absolute domain name");
                }
            }
            requireBetween(P + "bogusTtl", Objects.requireNonNull(bogusTtl, "bogusTtl"), Duration.ZERO,
                    Duration.ofMinutes(5));
        }

        /** Validation off, no anchor files, no negative anchors, bogus answers cached 5 s. */
        public static Dnssec defaults() {
            return new Dnssec(false, List.of(), List.of(), Duration.ofSeconds(5));
        }
    }

    /**
     * The forwarder's HTTP endpoints ({@code hostDNS.metrics}), on one small listener like NodeLocal DNSCache's
     * port 9253: {@code /metrics} (Prometheus text), {@code /health} (200 while serving), {@code /ready} (200 once
     * listeners are bound and an upstream is not DOWN, else 503 with the reason) and {@code /upstreams} (JSON).
     * Default {@code 127.0.0.1:9253}: loopback only, so nothing is exposed to the network unasked.
     *
     * @param listen where to serve them (an IP literal and a port; 0 takes a free port), or null for not at all
     */
    public record Metrics(@Nullable ListenAddress listen) {

        /** NodeLocal DNSCache's metrics port, the default. */
        public static final int DEFAULT_PORT = 9253;

        /** {@code 127.0.0.1:9253}. */
        public static Metrics defaults() {
            return at("127.0.0.1:" + DEFAULT_PORT);
        }

        /** No HTTP endpoints. */
        public static Metrics off() {
            return new Metrics(null);
        }

        /**
         * The endpoints at {@code text}, an {@code ip[:port]} ({@code [ipv6]:port}; port 9253 when omitted), or
         * {@link #off()} for an empty text.
         *
         * @throws ConfigException naming {@code hostDNS.metrics.listen} when the text is not of that form
         */
        public static Metrics at(String text) {
            return text.isBlank() ? off() : new Metrics(ListenAddress.parse("hostDNS.metrics.listen", text, DEFAULT_PORT));
        }
    }

    /**
     * What the forwarder answers to CHAOS-class questions about itself ({@code hostDNS.chaos}). It never
     * forwards a CHAOS question: an upstream's {@code version.bind} would give the upstream's identity away.
     * {@code version.bind} and {@code version.server} (TXT) get {@code version}; {@code hostname.bind} and
     * {@code id.server} get {@code id}; another type at those names gets NODATA. A null value (the default)
     * answers REFUSED, as does every other CHAOS question, so nothing is told unless configured.
     *
     * @param version the TXT answer of version.bind and version.server, or null for REFUSED
     * @param id      the TXT answer of hostname.bind and id.server, or null for REFUSED
     */
    public record Chaos(@Nullable String version, @Nullable String id) {

        public Chaos {
            requireTxt("hostDNS.chaos.version", version);
            requireTxt("hostDNS.chaos.id", id);
        }

        /** Nothing told: every CHAOS question REFUSED. */
        public static Chaos defaults() {
            return new Chaos(null, null);
        }

        private static void requireTxt(String path, @Nullable String text) {
            if (text == null) {
                return;
            }
            boolean printable = text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
            if (text.isEmpty() || text.length() > 255 || !printable) {
                throw ConfigException.invalid(path, text,
                        "1 to 255 printable ASCII characters (one TXT string), or null to answer REFUSED");
            }
        }
    }

    /**
     * The SLF4J level of the one-line-per-query log ({@code hostDNS.queryLog}); errors are logged at WARN
     * whatever this says. The default, {@link #DEBUG}, keeps INFO logs free of per-query lines.
     */
    public enum QueryLog {
        /** No per-query line. */
        OFF,
        TRACE,
        DEBUG,
        INFO
    }

    /**
     * The immutable builder of a {@link HostDnsConfig}, starting from the defaults (or from a configuration, see
     * {@link #toBuilder()}): every method returns a new builder and leaves this one as it was; {@link #build()}
     * validates everything. The string overloads parse their input and fail with a {@link ConfigException}
     * naming the field.
     */
    public static final class Builder {

        private final ConfigDraft draft;

        private Builder(ConfigDraft draft) {
            this.draft = draft;
        }

        private Builder edit(Consumer<ConfigDraft.Edit> change) {
            return new Builder(draft.edit(change));
        }

        public Builder enabled(boolean value) {
            return edit(d -> d.enabled = value);
        }

        public Builder forwardKubeDNSToHost(boolean value) {
            return edit(d -> d.forwardKubeDNSToHost = value);
        }

        public Builder resolveMemberNames(boolean value) {
            return edit(d -> d.resolveMemberNames = value);
        }

        public Builder resolvers(List<UpstreamSpec> value) {
            return edit(d -> d.resolvers = List.copyOf(value));
        }

        /** Upstream specs such as {@code 1.1.1.1} or {@code tls://1.1.1.1}, see {@link UpstreamSpec}. */
        public Builder resolvers(String... specs) {
            return resolvers(upstreams("hostDNS.resolvers", specs));
        }

        public Builder listen(List<ListenAddress> value) {
            return edit(d -> d.listen = List.copyOf(value));
        }

        /** Listen addresses such as {@code 127.0.0.53:53} or {@code [::1]:53}. */
        public Builder listen(String... addresses) {
            List<ListenAddress> parsed = new ArrayList<>();
            for (int i = 0; i < addresses.length; i++) {
                parsed.add(ListenAddress.parse("hostDNS.listen[" + i + "]", addresses[i]));
            }
            return listen(parsed);
        }

        public Builder podFacingAddress(InetAddress value) {
            return edit(d -> d.podFacingAddress = Objects.requireNonNull(value, "podFacingAddress"));
        }

        public Builder cache(Cache value) {
            return edit(d -> d.cache = Objects.requireNonNull(value, "cache"));
        }

        public Builder timeouts(Timeouts value) {
            return edit(d -> d.timeouts = Objects.requireNonNull(value, "timeouts"));
        }

        public Builder queryLog(QueryLog value) {
            return edit(d -> d.queryLog = Objects.requireNonNull(value, "queryLog"));
        }

        public Builder disableIPv6(boolean value) {
            return edit(d -> d.disableIPv6 = value);
        }

        /** Sends names under {@code domain} (absolute) to {@code upstreams} instead of the default resolvers. */
        public Builder route(Name domain, List<UpstreamSpec> upstreams) {
            return edit(d -> d.routes = ConfigDraft.with(d.routes, domain, List.copyOf(upstreams)));
        }

        /** {@link #route(Name, List)} with upstream specs such as {@code 10.0.0.53}. */
        public Builder route(Name domain, String... specs) {
            return route(domain, upstreams("hostDNS.routes[" + domain + "]", specs));
        }

        /** Replaces the default ACL (see {@link Acl#defaults}). */
        public Builder acl(Acl value) {
            return edit(d -> d.acl = Objects.requireNonNull(value, "acl"));
        }

        /** Answers {@code name} (absolute) locally with {@code addresses}; an empty list makes it NODATA. */
        public Builder staticHost(Name name, List<InetAddress> addresses) {
            return edit(d -> d.staticHosts = ConfigDraft.with(d.staticHosts, name, List.copyOf(addresses)));
        }

        /** Where the HTTP endpoints are served (default 127.0.0.1:9253; {@link Metrics#off()} for none). */
        public Builder metrics(Metrics value) {
            return edit(d -> d.metrics = Objects.requireNonNull(value, "metrics"));
        }

        /** Hosts(5) files answered by the hosts stage and re-read when they change (default: none). */
        public Builder hostsFiles(List<Path> value) {
            return edit(d -> d.hostsFiles = List.copyOf(value));
        }

        /** The per-client rate limit of every listener (see {@link ClientRateLimit}); null (the default) for none. */
        public Builder rateLimit(@Nullable ClientRateLimit value) {
            return edit(d -> d.rateLimit = value);
        }

        /** What CHAOS-class questions about the forwarder are answered (default: REFUSED to all). */
        public Builder chaos(Chaos value) {
            return edit(d -> d.chaos = Objects.requireNonNull(value, "chaos"));
        }

        public Builder resolvConf(ResolvConf value) {
            return edit(d -> d.resolvConf = Objects.requireNonNull(value, "resolvConf"));
        }

        public Builder dnssec(Dnssec value) {
            return edit(d -> d.dnssec = Objects.requireNonNull(value, "dnssec"));
        }

        /** The validated configuration. */
        public HostDnsConfig build() {
            return draft.build();
        }

        private static List<UpstreamSpec> upstreams(String path, String... specs) {
            List<UpstreamSpec> parsed = new ArrayList<>();
            for (int i = 0; i < specs.length; i++) {
                parsed.add(ConfigDraft.upstream(path + "[" + i + "]", specs[i]));
            }
            return parsed;
        }
    }
}
