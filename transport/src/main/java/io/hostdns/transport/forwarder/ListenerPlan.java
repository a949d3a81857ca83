package io.hostdns.transport.forwarder;

import io.hostdns.core.Resolver;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.config.Cidr;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import io.hostdns.transport.server.ClientAcl;
import io.hostdns.transport.server.DnsServer;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;
import reactor.core.scheduler.Scheduler;

/** Which addresses the forwarder listens on, and the {@link DnsServer} each of them runs. */
final class ListenerPlan {

    /** How much longer than the overall upstream deadline a server waits before answering SERVFAIL itself. */
    private static final Duration SERVER_TIMEOUT_MARGIN = Duration.ofMillis(500);

    private final @Nullable List<InetSocketAddress> override;

    /** @param override addresses used instead of the configuration's, or null */
    ListenerPlan(@Nullable List<InetSocketAddress> override) {
        this.override = override;
    }

    /** The addresses to listen on under {@code config}: the override, else its listen (and pod-facing) addresses. */
    List<InetSocketAddress> addresses(HostDnsConfig config) {
        if (override != null) {
            return override;
        }
        return config.listenAddresses().stream().map(ListenAddress::toSocketAddress).toList();
    }

    /**
     * The server template for {@code config}: answering from {@code front} on {@code resources}' event loops,
     * one UDP socket per event loop on each address (SO_REUSEPORT, so that every loop reads queries), with
     * the configured ACL, and a query timeout a little beyond the overall upstream deadline (so that the
     * pipeline's own typed failure, with its Extended DNS Error, normally wins).
     */
    static DnsServer server(HostDnsConfig config, Resolver front, DnsResources resources, Scheduler timer) {
        List<String> allowed = config.acl().allow().stream().map(Cidr::toString).toList();
        int loops = 0;
        for (EventExecutor ignored : resources.eventLoops()) {
            loops++;
        }
        return DnsServer.create()
                .resolver(front)
                .runOn(resources)
                .udpSocketsPerAddress(resources.isNative() ? Math.max(1, Math.min(loops, 64)) : 1)
                .acl(ClientAcl.of(allowed))
                .queryTimeout(config.timeouts().overall().plus(SERVER_TIMEOUT_MARGIN))
                .queryLogLevel(switch (config.queryLog()) {
                    case OFF -> null;
                    case TRACE -> Level.TRACE;
                    case DEBUG -> Level.DEBUG;
                    case INFO -> Level.INFO;
                })
                .timer(timer);
    }
}
