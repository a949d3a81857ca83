package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Protocol;
import io.hostdns.core.UpstreamId;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The mapping of every form the JDK (NIO) and Netty's epoll transport raise, including ones a test cannot
 * provoke safely here (the host has IPv4 and IPv6 default routes, and tests never send off the machine).
 * The end-to-end "network is unreachable" over real sockets is {@code io.hostdns.transport.Ipv6UnreachableTest}.
 */
class TransportErrorsTest {

    private static final UpstreamId V6 = new UpstreamId(1, Protocol.UDP, "[2001:db8::53]:53");

    @Test
    void networkUnreachableOnSend_isUnreachable_namingTheUpstream() {
        // NIO DatagramChannel.send → sun.nio.ch throws SocketException("Network is unreachable")
        DnsException e = TransportErrors.map(V6, "UDP send", new SocketException("Network is unreachable"));

        assertThat(e).isInstanceOf(DnsUnreachableException.class).hasMessageStartingWith(V6.toString())
                .hasMessageContaining("Network is unreachable");
        assertThat(e.upstream()).isEqualTo(V6);
    }

    @Test
    void epollSendToFailure_withErrnoText_isUnreachable() {
        // Netty epoll: Errors.NativeIoException("sendToAddress(..) failed: Network is unreachable")
        IOException epoll = new IOException("sendToAddress(..) failed: Network is unreachable");

        assertThat(TransportErrors.map(V6, "UDP send", epoll)).isInstanceOf(DnsUnreachableException.class);
    }

    @Test
    void noRouteToHost_onConnect_isUnreachable_evenWhenWrapped() {
        Throwable wrapped = new IOException("connect failed", new NoRouteToHostException("connect(..) failed"));

        assertThat(TransportErrors.map(V6, "TCP connect", wrapped)).isInstanceOf(DnsUnreachableException.class);
        assertThat(TransportErrors.map(V6, "TCP connect", new SocketException("Address family not supported by protocol")))
                .isInstanceOf(DnsUnreachableException.class);
        // Netty epoll turns connect()'s ENETUNREACH into a ConnectException carrying the errno text
        assertThat(TransportErrors.map(V6, "TCP connect", new ConnectException("connect(..) failed: Network is unreachable")))
                .isInstanceOf(DnsUnreachableException.class);
    }

    @Test
    void refusedOrPortUnreachableOrClosed_isANetworkError_butNotUnreachable() {
        assertThat(TransportErrors.map(V6, "TCP connect", new ConnectException("Connection refused")))
                .isExactlyInstanceOf(DnsNetworkException.class).hasMessageContaining("connection refused");
        assertThat(TransportErrors.map(V6, "UDP receive", new PortUnreachableException()))
                .isExactlyInstanceOf(DnsNetworkException.class).hasMessageContaining("port unreachable");
        assertThat(TransportErrors.map(V6, "TCP send", new ClosedChannelException()))
                .isExactlyInstanceOf(DnsNetworkException.class).hasMessageContaining("ClosedChannelException");
    }

    @Test
    void aDnsException_passesThroughUnchanged() {
        DnsTimeoutException timeout = new DnsTimeoutException(V6, Duration.ofSeconds(2));

        assertThat(TransportErrors.map(V6, "UDP send", timeout)).isSameAs(timeout);
    }
}
