package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.UpstreamSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 */
public record HostDnsConfig(boolean enabled, boolean forwardKubeDNSToHost, boolean resolveMemberNames,
                            List<UpstreamSpec> resolvers, List<ListenAddress> listen,
                            InetAddress podFacingAddress, CacheConfig cache, TimeoutConfig timeouts,
                            QueryLogLevel queryLog, boolean disableIPv6, Map<Name, List<UpstreamSpec>> routes,
                            AclConfig acl, Map<Name, List<InetAddress>> staticHosts, ResolvConfConfig resolvConf) {

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
        if (resolvers.isEmpty()) {
            throw ConfigException.invalid("hostDNS.resolvers", "[]", "a non-empty list of upstreams");
        }
        if (listen.isEmpty()) {
            throw ConfigException.invalid("hostDNS.listen", "[]", "a non-empty list of host:port strings");
        }
        routes = copyRoutes(routes);
        staticHosts = copyHosts(staticHosts);
        LoopGuard.check(resolvers, routes, listeners(listen, forwardKubeDNSToHost, podFacingAddress));
    }

    /** A builder holding the defaults: 127.0.0.53:53, upstreams 1.1.1.1 and 8.8.8.8, Talos-like cache. */
    public static HostDnsConfigBuilder builder() {
        return new HostDnsConfigBuilder();
    }

    /**
     * A builder holding this configuration, to change some of it. The ACL is kept as it is unless it is the
     * default one, which the builder then derives again (so turning {@code forwardKubeDNSToHost} on allows
     * the pod-facing address).
     */
    public HostDnsConfigBuilder toBuilder() {
        return new HostDnsConfigBuilder(this);
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

    private static Map<Name, List<UpstreamSpec>> copyRoutes(Map<Name, List<UpstreamSpec>> routes) {
        Map<Name, List<UpstreamSpec>> copy = new LinkedHashMap<>();
        routes.forEach((domain, upstreams) -> {
            String path = "hostDNS.routes[" + domain + "]";
            if (!domain.isAbsolute()) {
                throw ConfigException.invalid(path, domain.toString(), "an absolute domain name");
            }
            if (upstreams.isEmpty()) {
                throw ConfigException.invalid(path, "[]", "a non-empty list of upstreams");
            }
            copy.put(domain.canonicalize(), List.copyOf(upstreams));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<Name, List<InetAddress>> copyHosts(Map<Name, List<InetAddress>> hosts) {
        Map<Name, List<InetAddress>> copy = new LinkedHashMap<>();
        hosts.forEach((name, addresses) -> {
            if (!name.isAbsolute()) {
                throw ConfigException.invalid("hostDNS.staticHosts", name.toString(), "absolute host names");
            }
            copy.put(name, List.copyOf(addresses));
        });
        return Collections.unmodifiableMap(copy);
    }
}
