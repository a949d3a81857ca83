package io.hostdns.transport.forwarder.config;

import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.server.ClientRateLimit;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * The parts of a {@link HostDnsConfig} as its {@link HostDnsConfig.Builder} collected them, not yet validated
 * together: {@link #edit} returns a changed copy, {@link #build()} makes (and so validates) the
 * configuration. A null {@code acl} stands for the default one, derived at build time from
 * {@code forwardKubeDNSToHost} and {@code podFacingAddress}.
 */
record ConfigDraft(boolean enabled, boolean forwardKubeDNSToHost, boolean resolveMemberNames,
                   List<UpstreamSpec> resolvers, List<ListenAddress> listen, InetAddress podFacingAddress,
                   HostDnsConfig.Cache cache, HostDnsConfig.Timeouts timeouts, HostDnsConfig.QueryLog queryLog,
                   boolean disableIPv6, Map<Name, List<UpstreamSpec>> routes, HostDnsConfig.@Nullable Acl acl,
                   Map<Name, List<InetAddress>> staticHosts, HostDnsConfig.ResolvConf resolvConf,
                   HostDnsConfig.Chaos chaos, HostDnsConfig.Metrics metrics, List<Path> hostsFiles,
                   @Nullable ClientRateLimit rateLimit, HostDnsConfig.Dnssec dnssec) {

    /** The defaults: 127.0.0.53:53, upstreams 1.1.1.1 and 8.8.8.8, Talos-like cache and timeouts. */
    static ConfigDraft defaults() {
        return new ConfigDraft(true, false, false,
                List.of(UpstreamSpec.parse("1.1.1.1"), UpstreamSpec.parse("8.8.8.8")),
                List.of(ListenAddress.parse("hostDNS.listen[0]", "127.0.0.53:53")),
                HostPort.requireIp("hostDNS.podFacingAddress", HostDnsConfig.DEFAULT_POD_FACING_ADDRESS),
                HostDnsConfig.Cache.defaults(), HostDnsConfig.Timeouts.defaults(), HostDnsConfig.QueryLog.DEBUG, false,
                Map.of(), null, Map.of(), HostDnsConfig.ResolvConf.defaults(), HostDnsConfig.Chaos.defaults(),
                HostDnsConfig.Metrics.defaults(), List.of(), null, HostDnsConfig.Dnssec.defaults());
    }

    /** {@code config}'s parts; its ACL kept unless it is the default one, which is then derived again. */
    static ConfigDraft of(HostDnsConfig c) {
        boolean defaultAcl = c.acl().equals(HostDnsConfig.Acl.defaults(c.forwardKubeDNSToHost(), c.podFacingAddress()));
        return new ConfigDraft(c.enabled(), c.forwardKubeDNSToHost(), c.resolveMemberNames(), c.resolvers(), c.listen(),
                c.podFacingAddress(), c.cache(), c.timeouts(), c.queryLog(), c.disableIPv6(), c.routes(),
                defaultAcl ? null : c.acl(), c.staticHosts(), c.resolvConf(), c.chaos(), c.metrics(), c.hostsFiles(), c.rateLimit(),
                c.dnssec());
    }

    /** The validated configuration. */
    HostDnsConfig build() {
        HostDnsConfig.Acl effectiveAcl = acl != null ? acl : HostDnsConfig.Acl.defaults(forwardKubeDNSToHost,
                podFacingAddress);
        return new HostDnsConfig(enabled, forwardKubeDNSToHost, resolveMemberNames, resolvers, listen,
                podFacingAddress, cache, timeouts, queryLog, disableIPv6, routes, effectiveAcl, staticHosts,
                resolvConf, chaos, metrics, hostsFiles, rateLimit, dnssec);
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

    /** {@code map} with {@code key} set to {@code value} (kept in first-set order), as a new unmodifiable map. */
    static <V> Map<Name, V> with(Map<Name, V> map, Name key, V value) {
        Map<Name, V> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return Collections.unmodifiableMap(copy);
    }

    /** A copy of this draft with the changes {@code change} makes to a mutable copy of its parts. */
    ConfigDraft edit(Consumer<Edit> change) {
        Edit edit = new Edit(this);
        change.accept(edit);
        return edit.draft();
    }

    /** The parts of a draft as mutable fields, only ever used inside {@link #edit}. */
    static final class Edit {
        boolean enabled;
        boolean forwardKubeDNSToHost;
        boolean resolveMemberNames;
        List<UpstreamSpec> resolvers;
        List<ListenAddress> listen;
        InetAddress podFacingAddress;
        HostDnsConfig.Cache cache;
        HostDnsConfig.Timeouts timeouts;
        HostDnsConfig.QueryLog queryLog;
        boolean disableIPv6;
        Map<Name, List<UpstreamSpec>> routes;
        HostDnsConfig.@Nullable Acl acl;
        Map<Name, List<InetAddress>> staticHosts;
        HostDnsConfig.ResolvConf resolvConf;
        HostDnsConfig.Chaos chaos;
        HostDnsConfig.Metrics metrics;
        List<Path> hostsFiles;
        @Nullable ClientRateLimit rateLimit;
        HostDnsConfig.Dnssec dnssec;

        private Edit(ConfigDraft d) {
            enabled = d.enabled;
            forwardKubeDNSToHost = d.forwardKubeDNSToHost;
            resolveMemberNames = d.resolveMemberNames;
            resolvers = d.resolvers;
            listen = d.listen;
            podFacingAddress = d.podFacingAddress;
            cache = d.cache;
            timeouts = d.timeouts;
            queryLog = d.queryLog;
            disableIPv6 = d.disableIPv6;
            routes = d.routes;
            acl = d.acl;
            staticHosts = d.staticHosts;
            resolvConf = d.resolvConf;
            chaos = d.chaos;
            metrics = d.metrics;
            hostsFiles = d.hostsFiles;
            rateLimit = d.rateLimit;
            dnssec = d.dnssec;
        }

        private ConfigDraft draft() {
            return new ConfigDraft(enabled, forwardKubeDNSToHost, resolveMemberNames, resolvers, listen,
                    podFacingAddress, cache, timeouts, queryLog, disableIPv6, routes, acl, staticHosts, resolvConf,
                    chaos, metrics, hostsFiles, rateLimit, dnssec);
        }
    }
}
