package io.hostdns.transport.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import reactor.netty.udp.UdpServer;

/**
 * Proves a UDP port free before a group of SO_REUSEPORT sockets opens on it. SO_REUSEPORT lets any later socket
 * of the same user join a port: a group opened on a port that another server's group holds would silently take
 * half of that server's queries instead of failing with "address already in use". So one socket binds first
 * without the option (failing if anything holds the port), lets go, and the group opens on the port it proved
 * free (for port 0, the port the kernel picked).
 */
final class UdpPortClaim {

    private static final Logger log = LoggerFactory.getLogger(UdpPortClaim.class);

    private UdpPortClaim() {
    }

    /**
     * The address with its proved-free port, or empty when the port is held (or cannot be bound at all): the
     * caller then opens one plain socket there, which fails, reports and retries like any busy listener.
     */
    static Mono<Optional<InetSocketAddress>> claim(ServerSettings settings, @Nullable LoopResources loops,
                                                   InetSocketAddress address) {
        return settings.runOn(UdpServer.create(), loops).bindAddress(() -> address).bind()
                .flatMap(probe -> {
                    int port = ((InetSocketAddress) probe.channel().localAddress()).getPort();
                    probe.dispose();
                    return probe.onDispose().thenReturn(Optional.of(new InetSocketAddress(address.getAddress(), port)));
                })
                .onErrorResume(error -> {
                    log.info("UDP {} cannot be bound alone ({}): one socket there instead of a SO_REUSEPORT group, "
                            + "bound once the address is free", address, error.toString());
                    return Mono.just(Optional.empty());
                });
    }
}
