package io.hostdns.transport.forwarder;

import io.hostdns.transport.forwarder.config.HostDnsConfig;

/** What a reconfiguration changes, which decides what is rebuilt and what is kept. */
final class ConfigDiff {

    private ConfigDiff() {
    }

    /**
     * Whether the upstream groups must be rebuilt (and the cache flushed): other resolvers or routes, IPv6
     * upstreams switched on or off, or other timeouts (which the groups hold).
     */
    static boolean upstreamsChanged(HostDnsConfig before, HostDnsConfig after) {
        return !before.resolvers().equals(after.resolvers())
                || !before.routes().equals(after.routes())
                || before.disableIPv6() != after.disableIPv6()
                || !before.timeouts().equals(after.timeouts());
    }

    /**
     * Whether the DNSSEC settings changed: the validating stage is rebuilt (its anchor files read again) and the
     * cache flushed, since what it holds was judged, or not, under the old settings.
     */
    static boolean dnssecChanged(HostDnsConfig before, HostDnsConfig after) {
        return !before.dnssec().equals(after.dnssec());
    }

    /**
     * Whether every listener must be rebuilt because what a server is built with changed: its ACL, its rate
     * limit or its query timeout (derived from the overall deadline). Listen addresses alone are diffed instead.
     */
    static boolean serverChanged(HostDnsConfig before, HostDnsConfig after) {
        return !before.acl().equals(after.acl()) || before.queryLog() != after.queryLog()
                || !java.util.Objects.equals(before.rateLimit(), after.rateLimit())
                || !before.timeouts().overall().equals(after.timeouts().overall());
    }
}
