package io.hostdns.transport.forwarder.config;

import io.hostdns.core.internal.IpLiteral;
import io.hostdns.core.search.ResolvConf;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolv.conf that sends the host's (or the pods') queries to the forwarder, keeping the search domains
 * and options of the file it replaces, or clearing the search domains when asked (talos #13870: LAN search
 * domains plus {@code ndots:5} in pods multiply every lookup). See {@link HostDnsConfig#resolvConfFor}.
 */
final class ResolvConfPlan {

    private ResolvConfPlan() {
    }

    /**
     * {@code base} with {@code servers} as name servers, at most {@link ResolvConf#MAX_NAMESERVERS} of
     * them (glibc reads no more), and its search domains kept or cleared.
     *
     * @throws IllegalArgumentException when {@code servers} is empty
     */
    static ResolvConf pointingAt(List<InetAddress> servers, ResolvConf base, boolean keepSearch) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a resolv.conf needs at least one name server");
        }
        List<String> names = new ArrayList<>();
        for (InetAddress server : servers.subList(0, Math.min(servers.size(), ResolvConf.MAX_NAMESERVERS))) {
            names.add(IpLiteral.format(server));
        }
        return new ResolvConf(names, keepSearch ? base.search() : List.of(), base.options());
    }

    /**
     * The name servers for the forwarder's {@code listeners}: those on port 53 (resolv.conf cannot say
     * another port), a wildcard listener standing for loopback of its family.
     *
     * @throws IllegalArgumentException when no listener is on port 53
     */
    static List<InetAddress> serversFor(List<ListenAddress> listeners) {
        List<InetAddress> servers = new ArrayList<>();
        for (ListenAddress listener : listeners) {
            if (listener.port() != 53) {
                continue;
            }
            InetAddress address = listener.address();
            if (address.isAnyLocalAddress()) {
                address = IpLiteral.parse(address.getAddress().length == 4 ? "127.0.0.1" : "::1");
            }
            if (address != null && !servers.contains(address)) {
                servers.add(address);
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no listen address on port 53 (resolv.conf cannot name a port): "
                    + listeners);
        }
        return servers;
    }
}
