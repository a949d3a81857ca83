package io.hostdns.transport.forwarder;

import io.hostdns.core.hosts.NodeIdentity;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import org.jspecify.annotations.Nullable;

/** The static host table of a configuration: its {@code staticHosts} entries and the node's own names. */
final class StaticHostTables {

    private StaticHostTables() {
    }

    static StaticHosts of(HostDnsConfig config, @Nullable NodeIdentity node) {
        StaticHosts.Builder hosts = StaticHosts.builder().addAll(config.staticHosts());
        if (node != null) {
            node.addTo(hosts);
        }
        return hosts.build();
    }
}
