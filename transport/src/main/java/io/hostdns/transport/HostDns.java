package io.hostdns.transport;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CacheStats;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.dnssec.ValidatingResolver;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.search.ResolvConf;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.core.upstream.UpstreamPolicy;
import io.hostdns.transport.https.DohResolver;
import io.hostdns.transport.internal.AddressLookup;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.tls.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The front door: a cached, health-ordered resolver over the system's or the given upstreams, that owns what
 * it opens and is closed once.
 * <pre>{@code
 * try (HostDns dns = HostDns.system()) {                                   // nameservers of /etc/resolv.conf
 *     List<InetAddress> addresses = dns.lookup("example.com").block();     // A and AAAA in parallel, IPv4 first
 *     Answer mx = dns.resolve(Query.of("example.com", Type.MX)).block();
 * }
 * HostDns dns = HostDns.of("192.168.1.22", "tls://1.1.1.1#cloudflare-dns.com");
 * }</pre>
 * Inside: a client per upstream ({@link UpstreamSpec}: UDP with TCP on truncation, TCP, DoT, DoH), each answer
 * sanitized, in one {@link UpstreamGroup} (best health first, an adaptive hedge, 2 s per attempt, 4.5 s per
 * query, DOWN upstreams probed in the background) under a coalescer and a {@link CachingResolver} (negative
 * caching, serve-stale, prefetch): the forwarder's pipeline without hosts, members and a server. With
 * {@link Builder#dnssec} a {@link ValidatingResolver} sits between the coalescer and the group.
 *
 * <p>It is a {@link Resolver} and keeps that contract. {@link #lookup} answers IP literals and
 * {@code localhost} without DNS; names are absolute (no search list: put a
 * {@link io.hostdns.core.search.SearchResolver} over this for glibc's). A name with no address fails with an
 * {@link java.net.UnknownHostException} naming the host and the rcodes.
 *
 * <p>Building one reads resolv.conf and builds TLS contexts: do it while setting up, not on an event loop. It
 * owns its event loop (one thread) unless {@linkplain Builder#resources given} some, its clients, group and
 * cache; {@link #close()} releases all of it, once (later calls do nothing), after which resolutions fail with
 * an {@link IllegalStateException}.
 */
public final class HostDns implements Resolver, AutoCloseable {

    /** How long {@link #close()} waits for the sockets and threads to be released. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** What glibc asks when resolv.conf names no server. */
    private static final String GLIBC_DEFAULT_SERVER = "127.0.0.1";

    private final DnsResources resources;
    private final boolean ownsResources;
    private final List<Upstream> clients;
    private final UpstreamGroup group;
    private final CachingResolver cache;
    private final AddressLookup lookup;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Mono<Void> release = Mono.defer(this::release).cache();

    private HostDns(DnsResources resources, boolean ownsResources, List<Upstream> clients, UpstreamGroup group,
                    CachingResolver cache, AddressPreference preference) {
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.clients = clients;
        this.group = group;
        this.cache = cache;
        this.lookup = new AddressLookup(cache, preference);
    }

    /** Over the name servers of {@code /etc/resolv.conf} (127.0.0.1 when it names none, as glibc does). */
    public static HostDns system() {
        return builder().build();
    }

    /** Over {@code upstreams}, in order of preference: specs such as {@code 192.168.1.22} or {@code tls://1.1.1.1}. */
    public static HostDns of(String... upstreams) {
        return builder().upstreams(upstreams).build();
    }

    /**
     * A builder with the defaults: the name servers of {@code /etc/resolv.conf}, {@link CacheOptions#DEFAULTS},
     * 2 s per attempt, 4.5 s per query, {@link GroupStrategy#adaptiveHedge()}, an event loop of its own, the
     * system's TLS trust, IPv4 addresses first.
     */
    public static Builder builder() {
        return new Builder(new HostDnsSettings(null, Path.of("/etc/resolv.conf"), CacheOptions.DEFAULTS,
                Duration.ofSeconds(2), Duration.ofMillis(4500), GroupStrategy.adaptiveHedge(), null,
                TlsTrust.systemDefault(), AddressPreference.IPV4_FIRST, null, null));
    }

    private static HostDns start(HostDnsSettings s) {
        List<UpstreamSpec> specs = s.upstreams() != null ? s.upstreams() : nameservers(s.resolvConf());
        DnsResources given = s.resources();
        DnsResources resources = given != null ? given : DnsResources.create("hostdns", 1);
        List<Upstream> clients = new ArrayList<>();
        try {
            UpstreamFactory factory = UpstreamFactory.create(resources).trust(s.trust());
            BiFunction<Integer, UpstreamSpec, Upstream> make = s.clients() != null ? s.clients() : factory::create;
            for (int i = 0; i < specs.size(); i++) {
                clients.add(make.apply(i, specs.get(i)));
            }
            // each answer stripped of records off the question's chain before the cache keeps it
            List<Upstream> sanitized = clients.stream()
                    .map(client -> new Upstream(client.id(), Resolvers.sanitized(client.resolver()))).toList();
            UpstreamGroup group = UpstreamGroup.builder().upstreams(sanitized).policy(UpstreamPolicy.HEALTH_ORDERED)
                    .strategy(s.strategy()).attemptTimeout(s.attemptTimeout()).deadline(s.deadline()).build();
            // as the forwarder stacks them: the cache keeps the validator's verdicts, the sanitizer is below it
            DnssecValidation dnssec = s.dnssec();
            Resolver belowCoalescer = dnssec == null ? group : Resolvers.dnssecValidating(group, dnssec);
            CachingResolver cache = CachingResolver.builder(Resolvers.coalescing(belowCoalescer)).options(s.cache())
                    .build();
            return new HostDns(resources, given == null, List.copyOf(clients), group, cache, s.preference());
        } catch (RuntimeException e) {
            clients.forEach(HostDns::dispose);
            if (given == null) {
                resources.dispose();
            }
            throw e;
        }
    }

    /** The name servers of the resolv.conf at {@code path} as upstreams; glibc's default when there are none. */
    private static List<UpstreamSpec> nameservers(Path path) {
        List<String> servers;
        try {
            servers = Files.isRegularFile(path) ? ResolvConf.read(path).conf().nameservers() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (servers.isEmpty()) {
            return List.of(UpstreamSpec.parse(GLIBC_DEFAULT_SERVER));
        }
        List<UpstreamSpec> specs = new ArrayList<>();
        for (String server : servers.subList(0, Math.min(servers.size(), ResolvConf.MAX_NAMESERVERS))) {
            // an IPv6 name server (maybe with its zone) takes brackets in an upstream spec
            specs.add(UpstreamSpec.parse(server.indexOf(':') >= 0 ? "[" + server + "]" : server));
        }
        return specs;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> closed.get() ? Mono.error(closedError()) : cache.resolve(query));
    }

    /**
     * The addresses of {@code host}: A and AAAA asked in parallel, the preferred family first (IPv4 unless
     * {@linkplain Builder#addressPreference set otherwise}); IP literals and {@code localhost} without DNS.
     * Fails with an {@link java.net.UnknownHostException} naming the host and the rcodes when it has none
     * (NXDOMAIN, NODATA), with the first error as its cause when every family failed with one.
     */
    public Mono<List<InetAddress>> lookup(String host) {
        Objects.requireNonNull(host, "host");
        return Mono.defer(() -> closed.get() ? Mono.error(closedError()) : lookup.all(host));
    }

    /** Each upstream's health now, in configuration order. */
    public List<UpstreamStatus> upstreams() {
        return group.status();
    }

    /** Each upstream's state changes (HEALTHY, DEGRADED, DOWN) as they happen; completes on close. */
    public Flux<UpstreamStatus> statusChanges() {
        return group.statusChanges();
    }

    /** The cache's counters now. */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    /**
     * Releases everything, as {@link #close()} does, when subscribed; completes once the sockets are closed and
     * the threads this resolver made have stopped. From reactive code, use this instead of {@code close()}.
     */
    public Mono<Void> closeLater() {
        closed.set(true);
        return release;
    }

    /**
     * Stops answering (resolutions from now on fail with an {@link IllegalStateException}), cancels the
     * background refreshes and probes, closes every client, and stops the event loop if it made it; waits for
     * that, at most 10 s (on {@linkplain Builder#resources shared} event loops, the clients' sockets finish
     * closing there, asynchronously). Blocking: call it off event loops ({@link #closeLater()} otherwise). Only
     * the first call does anything.
     */
    @Override
    public void close() {
        closeLater().block(CLOSE_TIMEOUT);
    }

    private Mono<Void> release() {
        cache.dispose();
        group.dispose();
        // DoH keeps its HTTP/2 connections in a pool of its own; the others close their sockets at once
        return Flux.fromIterable(clients)
                .flatMap(client -> client.resolver() instanceof DohResolver doh ? doh.disposeLater()
                        : Mono.fromRunnable(() -> dispose(client)))
                .then(ownsResources ? resources.disposeLater() : Mono.empty());
    }

    private static void dispose(Upstream client) {
        if (client.resolver() instanceof Disposable disposable) {
            disposable.dispose();
        }
    }

    /** The event loops the clients run on (for tests: are they released?). */
    DnsResources resources() {
        return resources;
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("this HostDns is closed");
    }

    @Override
    public String toString() {
        return "HostDns" + clients.stream().map(Upstream::id).toList() + (closed.get() ? " (closed)" : "");
    }

    /**
     * The immutable builder of a {@link HostDns}: every method returns a new builder and leaves this one as it
     * was; {@link #build()} starts the resolver.
     */
    public static final class Builder {

        private final HostDnsSettings settings;

        private Builder(HostDnsSettings settings) {
            this.settings = settings;
        }

        /**
         * The upstreams, in order of preference (instead of resolv.conf's name servers): {@code 192.168.1.22},
         * {@code 10.0.0.53:5353}, {@code tcp://...}, {@code tls://1.1.1.1#cloudflare-dns.com},
         * {@code https://dns.example/dns-query#192.0.2.53}; see {@link UpstreamSpec}.
         *
         * @throws IllegalArgumentException naming a spec that does not parse
         */
        public Builder upstreams(String... specs) {
            return upstreams(Arrays.stream(specs).map(UpstreamSpec::parse).toList());
        }

        /** The upstreams, in order of preference, at least one. */
        public Builder upstreams(List<UpstreamSpec> specs) {
            List<UpstreamSpec> copy = List.copyOf(specs);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("upstreams: at least one is needed");
            }
            return new Builder(settings.withUpstreams(copy));
        }

        /** The resolv.conf whose name servers are the upstreams when none are given (default /etc/resolv.conf). */
        public Builder resolvConf(Path file) {
            return new Builder(settings.withResolvConf(Objects.requireNonNull(file, "resolvConf")));
        }

        /** What the cache keeps and for how long (default {@link CacheOptions#DEFAULTS}). */
        public Builder cache(CacheOptions options) {
            return new Builder(settings.withCache(Objects.requireNonNull(options, "cache")));
        }

        /** The most one upstream attempt may take, at least 1 ms (default 2 s). */
        public Builder attemptTimeout(Duration timeout) {
            return new Builder(settings.withAttemptTimeout(atLeastOneMilli("attemptTimeout", timeout)));
        }

        /** The most one resolution may take, every attempt included, at least 1 ms (default 4.5 s). */
        public Builder deadline(Duration budget) {
            return new Builder(settings.withDeadline(atLeastOneMilli("deadline", budget)));
        }

        /** How the health-ordered upstreams are asked (default {@link GroupStrategy#adaptiveHedge()}). */
        public Builder strategy(GroupStrategy strategy) {
            return new Builder(settings.withStrategy(Objects.requireNonNull(strategy, "strategy")));
        }

        /** Event loops shared with the caller, left running on close (default: one thread of its own). */
        public Builder resources(DnsResources shared) {
            return new Builder(settings.withResources(Objects.requireNonNull(shared, "resources")));
        }

        /** The certificate authorities DoT and DoH upstreams must chain to (default: the system's). */
        public Builder trust(TlsTrust trust) {
            return new Builder(settings.withTrust(Objects.requireNonNull(trust, "trust")));
        }

        /**
         * Validates answers with DNSSEC against {@code validation}'s trust anchors (default: no validation), e.g.
         * {@link DnssecValidation#rootAnchors()}: a {@link ValidatingResolver} between the coalescer and the
         * upstreams asks with DO and CD set; secure answers carry AD, bogus ones are SERVFAIL with an Extended
         * DNS Error (cached for the cache's {@code bogusTtl}); a query with CD set passes unvalidated. The
         * upstreams must pass DNSSEC records (RRSIG, DNSKEY, DS, NSEC, NSEC3) on when asked with DO set.
         */
        public Builder dnssec(DnssecValidation validation) {
            return new Builder(settings.withDnssec(Objects.requireNonNull(validation, "dnssec")));
        }

        /** Which families {@link HostDns#lookup} asks for, and which comes first (default IPv4 first). */
        public Builder addressPreference(AddressPreference preference) {
            return new Builder(settings.withPreference(Objects.requireNonNull(preference, "addressPreference")));
        }

        /**
         * A new resolver: reads resolv.conf when no upstreams were given, makes the clients (TLS contexts
         * included) and starts the group's health tracking. Blocking file reads: call it off event loops.
         *
         * @throws IllegalArgumentException when a name server of resolv.conf is not a usable upstream
         * @throws java.io.UncheckedIOException when resolv.conf exists but cannot be read
         */
        public HostDns build() {
            return start(settings);
        }

        /** How each upstream's client is made instead of by an {@link UpstreamFactory}: a seam for tests. */
        Builder clients(BiFunction<Integer, UpstreamSpec, Upstream> make) {
            return new Builder(settings.withClients(Objects.requireNonNull(make, "clients")));
        }

        private static Duration atLeastOneMilli(String field, Duration value) {
            if (Objects.requireNonNull(value, field).toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1 ms, was " + value);
            }
            return value;
        }
    }
}
