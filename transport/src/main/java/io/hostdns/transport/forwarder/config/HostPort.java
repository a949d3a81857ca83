package io.hostdns.transport.forwarder.config;

import io.hostdns.core.internal.IpLiteral;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * The {@code host[:port]} part shared by listen addresses and upstream specs: an IPv4 literal, a host
 * name, or an IPv6 literal in brackets with an optional zone ({@code [fe80::1%eth0]:53}); an IPv6
 * literal without a port may also be written bare ({@code fe80::1%eth0}).
 *
 * @param host    the host as written, without brackets and without the zone
 * @param address the host as an address when it is a literal, else null
 * @param zone    the IPv6 zone (interface) when one was given, else null
 * @param port    the port, or {@code defaultPort} when none was written
 */
record HostPort(String host, @Nullable InetAddress address, @Nullable String zone, int port) {

    private static final String PORT_RANGE_TEXT = "1-65535";

    /**
     * Parses {@code text}.
     *
     * @param shown   the whole value as the user wrote it, for error messages
     * @param minPort the smallest port accepted (0 lets a listener ask for any free port)
     * @throws ConfigException naming {@code path} when the text is not of that form
     */
    static HostPort parse(String path, String text, String shown, int defaultPort, int minPort, String what) {
        String hostPart;
        String portPart = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw ConfigException.invalid(path, shown, what + " (an IPv6 literal needs a closing ']')");
            }
            hostPart = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw ConfigException.invalid(path, shown, what);
                }
                portPart = rest.substring(1);
            }
            if (hostPart.indexOf(':') < 0) {
                throw ConfigException.invalid(path, shown, what + " (brackets are only for IPv6 literals)");
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            hostPart = text; // several colons and no brackets: a bare IPv6 literal without port
        } else {
            int colon = text.indexOf(':');
            hostPart = colon < 0 ? text : text.substring(0, colon);
            portPart = colon < 0 ? null : text.substring(colon + 1);
        }
        int port = portPart == null ? defaultPort : parsePort(path, shown, portPart, minPort, what);
        if (hostPart.isEmpty()) {
            throw ConfigException.invalid(path, shown, what + " (the host is missing)");
        }
        InetAddress address = IpLiteral.parse(hostPart);
        int percent = hostPart.indexOf('%');
        String zone = null;
        if (percent >= 0) {
            if (address == null || address.getAddress().length != 16) {
                throw ConfigException.invalid(path, shown, what + " (a %zone only follows an IPv6 literal)");
            }
            zone = hostPart.substring(percent + 1);
            hostPart = hostPart.substring(0, percent);
        }
        if (address == null && (hostPart.indexOf(':') >= 0 || !isHostName(hostPart))) {
            throw ConfigException.invalid(path, shown, what + " (not an IP address or host name: '" + hostPart + "')");
        }
        return new HostPort(hostPart, address, zone, port);
    }

    private static int parsePort(String path, String text, String portPart, int minPort, String what) {
        String range = minPort == 0 ? "0-65535" : PORT_RANGE_TEXT;
        if (portPart.isEmpty() || portPart.length() > 5 || !portPart.chars().allMatch(Character::isDigit)) {
            throw ConfigException.invalid(path, text, what + " with a port " + range);
        }
        int port = Integer.parseInt(portPart);
        if (port < minPort || port > 65535) {
            throw ConfigException.invalid(path, text, what + " with a port " + range);
        }
        return port;
    }

    /** The IP literal {@code text}, or a {@link ConfigException} naming {@code path}. */
    static InetAddress requireIp(String path, String text) {
        InetAddress address = IpLiteral.parse(text);
        if (address == null) {
            throw ConfigException.invalid(path, text, "an IPv4 or IPv6 address literal");
        }
        return address;
    }

    /** RFC 1123 host names: letters, digits, hyphens and dots, labels of 1-63 characters. */
    static boolean isHostName(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty() || bare.length() > 253) {
            return false;
        }
        for (String label : bare.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code host:port}, IPv6 in brackets with its zone, e.g. {@code [fe80::1%eth0]:53}. */
    String render() {
        String h = address == null ? host : IpLiteral.format(address);
        if (address != null && address.getAddress().length == 16) {
            return "[" + h + (zone == null ? "" : "%" + zone) + "]:" + port;
        }
        return h + ":" + port;
    }
}
