package io.hostdns.transport.internal;

import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.UpstreamId;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps the socket errors of the JDK and of Netty (NIO and epoll) to hostdns' typed errors, so that an
 * immediate failure is reported at once and with the right type, never left to become a timeout.
 *
 * <ul>
 *   <li>"network is unreachable", "no route to host", "address family not supported" (an IPv6 upstream
 *       on a host without IPv6) and {@link NoRouteToHostException} → {@link DnsUnreachableException};</li>
 *   <li>{@link PortUnreachableException} (ICMP port unreachable on a connected UDP socket), a refused or
 *       reset connection, a closed channel and any other I/O failure → {@link DnsNetworkException}.</li>
 * </ul>
 * A {@link DnsException} passes through unchanged. Netty's epoll errors carry the errno text in their
 * message (e.g. {@code sendToAddress(..) failed: Network is unreachable}), hence the text checks.
 */
public final class TransportErrors {

    private static final String[] UNREACHABLE = {
        "network is unreachable", "no route to host", "address family not supported", "host is unreachable"
    };

    private TransportErrors() {
    }

    /** The typed error for {@code cause}, a failure of {@code what} (e.g. "send", "connect") towards {@code upstream}. */
    public static DnsException map(@Nullable UpstreamId upstream, String what, Throwable cause) {
        if (cause instanceof DnsException dns) {
            return dns;
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (isUnreachable(cause)) {
            return new DnsUnreachableException(upstream, what + " failed, unreachable: " + detail, cause);
        }
        if (cause instanceof PortUnreachableException) {
            return new DnsNetworkException(upstream, what + " failed, port unreachable: " + detail, cause);
        }
        if (cause instanceof ConnectException) {
            return new DnsNetworkException(upstream, what + " failed, connection refused: " + detail, cause);
        }
        return new DnsNetworkException(upstream, what + " failed: " + detail, cause);
    }

    /** Whether {@code cause} (or one of its causes) says the destination cannot be routed to. */
    public static boolean isUnreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoRouteToHostException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                for (String marker : UNREACHABLE) {
                    if (lower.contains(marker)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
