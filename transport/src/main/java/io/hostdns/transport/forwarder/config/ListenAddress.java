package io.hostdns.transport.forwarder.config;

import io.hostdns.core.internal.IpLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address the forwarder listens on, UDP and TCP: an IP literal and a port.
 *
 * @param address the local address (no host names: a listener must not depend on DNS)
 * @param port    0-65535; 0 asks the system for a free port (tests)
 */
public record ListenAddress(InetAddress address, int port) {

    /** What a listen entry must look like, for error messages. */
    public static final String FORMAT = "a host:port string with an IP address, e.g. 127.0.0.53:53 or [::1]:53";

    public ListenAddress {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
    }

    /**
     * Parses {@code ip[:port]} ({@code [ipv6]:port} for IPv6); the port defaults to 53.
     *
     * @throws ConfigException naming {@code path} when the text is not of that form
     */
    public static ListenAddress parse(String path, String text) {
        return parse(path, text, 53);
    }

    /** {@link #parse(String, String)} with another default port. */
    static ListenAddress parse(String path, String text, int defaultPort) {
        HostPort hp = HostPort.parse(path, text.trim(), text, defaultPort, 0, FORMAT);
        if (hp.address() == null) {
            throw ConfigException.invalid(path, text, FORMAT + " (a host name cannot be listened on)");
        }
        return new ListenAddress(hp.address(), hp.port());
    }

    /** As a socket address, for binding. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** Whether this is the wildcard address of its family (0.0.0.0 or ::). */
    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    /** {@code ip:port}, IPv6 in brackets. */
    @Override
    public String toString() {
        return new HostPort(IpLiteral.format(address), address, null, port).render();
    }
}
