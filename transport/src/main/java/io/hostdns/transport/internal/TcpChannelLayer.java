package io.hostdns.transport.internal;

import io.hostdns.transport.tcp.TcpDnsClient;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * What sits between a TCP socket and DNS framing on each new connection of a {@link TcpDnsClient}.
 * The plain layer adds nothing; DNS over TLS (RFC 7858) adds an {@code SslHandler} (SNI, hostname
 * verification) at the head of the pipeline. Writes issued before the TLS handshake completes are held
 * by the {@code SslHandler}, and a failed handshake closes the channel, which fails the queries in
 * flight with a typed error, so the client needs nothing else to speak DoT.
 */
@FunctionalInterface
public interface TcpChannelLayer {

    /** Plain TCP: nothing between the socket and the 2-byte length framing. */
    TcpChannelLayer PLAIN = (channel, remote) -> {
    };

    /**
     * Adds this layer's handlers to a new, not yet connected channel. Called on the channel's event loop
     * before the framing handlers are added (so {@code addLast} puts them nearest the socket).
     */
    void configure(Channel channel, InetSocketAddress remote);
}
