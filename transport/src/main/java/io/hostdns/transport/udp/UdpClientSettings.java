package io.hostdns.transport.udp;

import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.tcp.TcpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Everything a {@link UdpDnsClient} is built from, as its {@link UdpDnsClient.Builder} collected it; the client
 * reads this record, never the builder. See the builder's methods for each setting.
 */
record UdpClientSettings(DnsResources resources, UpstreamId upstream, InetSocketAddress remote, int sockets,
                         int receiveBufferSize, int maxPayload, boolean connected, int queriesPerSocket,
                         Duration queryTimeout, int retransmissions, Duration retransmitFloor, boolean tcpFallback,
                         io.hostdns.core.@Nullable Resolver tcpResolver, UnaryOperator<TcpDnsClient.Builder> tcpOptions,
                         Scheduler clock) {

    /** A mutable copy of the settings, only ever used inside the builder's {@code with}. */
    static final class Draft {
        private final DnsResources resources;
        private final UpstreamId upstream;
        private final InetSocketAddress remote;
        int sockets;
        int receiveBufferSize;
        int maxPayload;
        boolean connected;
        int queriesPerSocket;
        Duration queryTimeout;
        int retransmissions;
        Duration retransmitFloor;
        boolean tcpFallback;
        io.hostdns.core.@Nullable Resolver tcpResolver;
        UnaryOperator<TcpDnsClient.Builder> tcpOptions;
        Scheduler clock;

        Draft(UdpClientSettings s) {
            resources = s.resources();
            upstream = s.upstream();
            remote = s.remote();
            sockets = s.sockets();
            receiveBufferSize = s.receiveBufferSize();
            maxPayload = s.maxPayload();
            connected = s.connected();
            queriesPerSocket = s.queriesPerSocket();
            queryTimeout = s.queryTimeout();
            retransmissions = s.retransmissions();
            retransmitFloor = s.retransmitFloor();
            tcpFallback = s.tcpFallback();
            tcpResolver = s.tcpResolver();
            tcpOptions = s.tcpOptions();
            clock = s.clock();
        }

        UdpClientSettings settings() {
            return new UdpClientSettings(resources, upstream, remote, sockets, receiveBufferSize, maxPayload, connected,
                    queriesPerSocket, queryTimeout, retransmissions, retransmitFloor, tcpFallback, tcpResolver,
                    tcpOptions, clock);
        }
    }
}
