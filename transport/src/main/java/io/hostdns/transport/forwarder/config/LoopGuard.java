package io.hostdns.transport.forwarder.config;

import io.hostdns.core.Protocol;
import io.hostdns.core.internal.IpLiteral;
import io.hostdns.transport.UpstreamSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Refuses upstreams that are the forwarder itself (talos pitfall: forwarding to 127.0.0.53 or the
 * pod-facing address loops every query until its deadline). An upstream loops when it has the address
 * and port of a listen address, or when a wildcard listener on that port covers it: a loopback
 * upstream, or a wildcard one. Only literal addresses are compared (DoH upstreams are HTTPS servers, not
 * our DNS listeners); loops through other hosts are found at run time, not here.
 */
final class LoopGuard {

    private LoopGuard() {
    }

    /** One effective listen address and the config field it comes from. */
    record Listener(String path, ListenAddress address) {
    }

    static void check(List<UpstreamSpec> resolvers, Map<Name, List<UpstreamSpec>> routes,
                      List<Listener> listeners) {
        for (int i = 0; i < resolvers.size(); i++) {
            check("hostDNS.resolvers[" + i + "]", resolvers.get(i), listeners);
        }
        for (Map.Entry<Name, List<UpstreamSpec>> route : routes.entrySet()) {
            List<UpstreamSpec> upstreams = route.getValue();
            for (int i = 0; i < upstreams.size(); i++) {
                check("hostDNS.routes[" + route.getKey() + "][" + i + "]", upstreams.get(i), listeners);
            }
        }
    }

    private static void check(String path, UpstreamSpec upstream, List<Listener> listeners) {
        // DoH goes to an HTTPS server, never to our DNS listeners; the others are IP literals
        InetAddress target = upstream.protocol() == Protocol.HTTPS ? null : IpLiteral.parse(upstream.host());
        if (target == null) {
            return;
        }
        for (Listener listener : listeners) {
            if (loops(target, upstream.port(), listener.address())) {
                throw new ConfigException(path, path + " must not be one of our own listen addresses, got '"
                        + upstream + "' which is " + listener.path() + " (" + listener.address()
                        + "): forwarding to ourselves would loop", null);
            }
        }
    }

    private static boolean loops(InetAddress target, int port, ListenAddress listen) {
        if (port != listen.port()) {
            return false;
        }
        if (target.equals(listen.address())) {
            return true;
        }
        // a wildcard listener answers on every local address; only loopback and wildcard are certain offline
        return listen.isWildcard() && (target.isLoopbackAddress() || target.isAnyLocalAddress());
    }
}
