package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.UpstreamSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * Collects the parts of a {@link HostDnsConfig}, starting from the defaults; {@link #build()} validates
 * everything. Not thread-safe; a builder is for one thread building one configuration. The string
 * overloads parse their input and fail with a {@link ConfigException} naming the field.
 */
public final class HostDnsConfigBuilder {

    private boolean enabled = true;
    private boolean forwardKubeDNSToHost;
    private boolean resolveMemberNames;
    private List<UpstreamSpec> resolvers = List.of(UpstreamSpec.parse("1.1.1.1"), UpstreamSpec.parse("8.8.8.8"));
    private List<ListenAddress> listen = List.of(ListenAddress.parse("hostDNS.listen[0]", "127.0.0.53:53"));
    private InetAddress podFacingAddress = HostPort.requireIp("hostDNS.podFacingAddress",
            HostDnsConfig.DEFAULT_POD_FACING_ADDRESS);
    private CacheConfig cache = CacheConfig.defaults();
    private TimeoutConfig timeouts = TimeoutConfig.defaults();
    private QueryLogLevel queryLog = QueryLogLevel.DEBUG;
    private boolean disableIPv6;
    private final Map<Name, List<UpstreamSpec>> routes = new LinkedHashMap<>();
    private @Nullable AclConfig acl;
    private final Map<Name, List<InetAddress>> staticHosts = new LinkedHashMap<>();
    private ResolvConfConfig resolvConf = ResolvConfConfig.defaults();

    HostDnsConfigBuilder() {
    }

    HostDnsConfigBuilder(HostDnsConfig config) {
        enabled = config.enabled();
        forwardKubeDNSToHost = config.forwardKubeDNSToHost();
        resolveMemberNames = config.resolveMemberNames();
        resolvers = config.resolvers();
        listen = config.listen();
        podFacingAddress = config.podFacingAddress();
        cache = config.cache();
        timeouts = config.timeouts();
        queryLog = config.queryLog();
        disableIPv6 = config.disableIPv6();
        routes.putAll(config.routes());
        boolean defaultAcl = config.acl().equals(AclConfig.defaults(forwardKubeDNSToHost, podFacingAddress));
        acl = defaultAcl ? null : config.acl();
        staticHosts.putAll(config.staticHosts());
        resolvConf = config.resolvConf();
    }

    /**
     * Parses the upstream spec {@code text} (see {@link UpstreamSpec}), failing with a {@link ConfigException}
     * that names {@code path}, the spec and the forms allowed.
     */
    static UpstreamSpec upstream(String path, String text) {
        try {
            return UpstreamSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, path + ": " + e.getMessage(), e);
        }
    }

    public HostDnsConfigBuilder enabled(boolean value) {
        enabled = value;
        return this;
    }

    public HostDnsConfigBuilder forwardKubeDNSToHost(boolean value) {
        forwardKubeDNSToHost = value;
        return this;
    }

    public HostDnsConfigBuilder resolveMemberNames(boolean value) {
        resolveMemberNames = value;
        return this;
    }

    public HostDnsConfigBuilder resolvers(List<UpstreamSpec> value) {
        resolvers = List.copyOf(value);
        return this;
    }

    /** Upstream specs such as {@code 1.1.1.1} or {@code tls://1.1.1.1}, see {@link UpstreamSpec}. */
    public HostDnsConfigBuilder resolvers(String... specs) {
        return resolvers(upstreams("hostDNS.resolvers", specs));
    }

    private static List<UpstreamSpec> upstreams(String path, String... specs) {
        List<UpstreamSpec> parsed = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            parsed.add(upstream(path + "[" + i + "]", specs[i]));
        }
        return parsed;
    }

    public HostDnsConfigBuilder listen(List<ListenAddress> value) {
        listen = List.copyOf(value);
        return this;
    }

    /** Listen addresses such as {@code 127.0.0.53:53} or {@code [::1]:53}. */
    public HostDnsConfigBuilder listen(String... addresses) {
        List<ListenAddress> parsed = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            parsed.add(ListenAddress.parse("hostDNS.listen[" + i + "]", addresses[i]));
        }
        return listen(parsed);
    }

    public HostDnsConfigBuilder podFacingAddress(InetAddress value) {
        podFacingAddress = Objects.requireNonNull(value, "podFacingAddress");
        return this;
    }

    public HostDnsConfigBuilder cache(CacheConfig value) {
        cache = Objects.requireNonNull(value, "cache");
        return this;
    }

    public HostDnsConfigBuilder timeouts(TimeoutConfig value) {
        timeouts = Objects.requireNonNull(value, "timeouts");
        return this;
    }

    public HostDnsConfigBuilder queryLog(QueryLogLevel value) {
        queryLog = Objects.requireNonNull(value, "queryLog");
        return this;
    }

    public HostDnsConfigBuilder disableIPv6(boolean value) {
        disableIPv6 = value;
        return this;
    }

    /** Sends names under {@code domain} (absolute) to {@code upstreams} instead of the default resolvers. */
    public HostDnsConfigBuilder route(Name domain, List<UpstreamSpec> upstreams) {
        routes.put(domain, List.copyOf(upstreams));
        return this;
    }

    /** {@link #route(Name, List)} with upstream specs such as {@code 10.0.0.53}. */
    public HostDnsConfigBuilder route(Name domain, String... specs) {
        return route(domain, upstreams("hostDNS.routes[" + domain + "]", specs));
    }

    /** Replaces the default ACL (see {@link AclConfig#defaults}). */
    public HostDnsConfigBuilder acl(AclConfig value) {
        acl = Objects.requireNonNull(value, "acl");
        return this;
    }

    /** Answers {@code name} (absolute) locally with {@code addresses}; an empty list makes it NODATA. */
    public HostDnsConfigBuilder staticHost(Name name, List<InetAddress> addresses) {
        staticHosts.put(name, List.copyOf(addresses));
        return this;
    }

    public HostDnsConfigBuilder resolvConf(ResolvConfConfig value) {
        resolvConf = Objects.requireNonNull(value, "resolvConf");
        return this;
    }

    /** The validated configuration. */
    public HostDnsConfig build() {
        AclConfig effectiveAcl = acl != null ? acl : AclConfig.defaults(forwardKubeDNSToHost, podFacingAddress);
        return new HostDnsConfig(enabled, forwardKubeDNSToHost, resolveMemberNames, resolvers, listen,
                podFacingAddress, cache, timeouts, queryLog, disableIPv6, routes, effectiveAcl, staticHosts,
                resolvConf);
    }
}
