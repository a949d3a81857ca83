package io.hostdns.transport.forwarder;

import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.internal.IpLiteral;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import reactor.core.publisher.Mono;

/**
 * The static half of loop detection, run with the addresses actually bound (the configuration can only check
 * the addresses it names, not the port a {@code :0} listener got): an upstream that is one of our own bound
 * listen addresses, or that a wildcard listener of ours covers (loopback or wildcard address, same port),
 * would forward every query to ourselves.
 */
final class LoopChecks {

    private LoopChecks() {
    }

    /** Completes empty, or fails with {@link HostDnsForwarder.LoopException} naming the upstreams that are ourselves. */
    static Mono<Void> refuseOwnAddresses(HostDnsConfig config, List<InetSocketAddress> bound) {
        List<UpstreamId> loops = new ArrayList<>();
        collect(config.resolvers(), bound, loops);
        for (Map.Entry<Name, List<UpstreamSpec>> route : config.routes().entrySet()) {
            collect(route.getValue(), bound, loops);
        }
        if (loops.isEmpty()) {
            return Mono.empty();
        }
        return Mono.error(new HostDnsForwarder.LoopException(loops, "upstream " + loops
                + " is one of this forwarder's own listen addresses " + bound + ": forwarding to ourselves would loop"));
    }

    private static void collect(List<UpstreamSpec> upstreams, List<InetSocketAddress> bound, List<UpstreamId> loops) {
        for (int i = 0; i < upstreams.size(); i++) {
            UpstreamSpec upstream = upstreams.get(i);
            InetAddress target = IpLiteral.parse(upstream.host());
            if (target == null || upstream.protocol() == Protocol.HTTPS) {
                continue; // DoH goes to an HTTPS server, never to our DNS listeners
            }
            for (InetSocketAddress listener : bound) {
                if (listener.getPort() == upstream.port() && covers(listener.getAddress(), target)) {
                    loops.add(new UpstreamId(i, upstream.protocol(), upstream.address()));
                    break;
                }
            }
        }
    }

    private static boolean covers(InetAddress listener, InetAddress target) {
        if (listener.equals(target)) {
            return true;
        }
        return listener.isAnyLocalAddress() && (target.isLoopbackAddress() || target.isAnyLocalAddress());
    }
}
