package io.hostdns.transport;

import io.hostdns.core.Protocol;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The grammar of {@link UpstreamSpec#parse(String)}; every failure names the spec and what is allowed. */
final class UpstreamSpecParser {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private UpstreamSpecParser() {
    }

    static UpstreamSpec parse(String spec) {
        if (spec.isBlank()) {
            throw invalid(spec, "it is empty");
        }
        String text = spec.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            return hostPort(spec, Protocol.UDP, text, 53);
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = text.substring(schemeEnd + 3);
        return switch (scheme) {
            case "udp" -> hostPort(spec, Protocol.UDP, rest, 53);
            case "tcp" -> hostPort(spec, Protocol.TCP, rest, 53);
            case "tls" -> tls(spec, rest);
            case "https" -> https(spec, text);
            default -> throw invalid(spec, "unknown scheme '" + scheme + "'");
        };
    }

    private static UpstreamSpec tls(String spec, String rest) {
        int hash = rest.indexOf('#');
        String serverName = hash < 0 ? null : rest.substring(hash + 1);
        if (serverName != null && !HOST_NAME.matcher(serverName).matches()) {
            throw invalid(spec, "'" + serverName + "' is not a valid TLS server name");
        }
        UpstreamSpec address = hostPort(spec, Protocol.TLS, hash < 0 ? rest : rest.substring(0, hash), 853);
        return new UpstreamSpec(spec, Protocol.TLS, address.host(), address.zone(), address.port(), serverName,
                null, null);
    }

    private static UpstreamSpec https(String spec, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(spec, "not a URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            throw invalid(spec, "the URL has no host");
        }
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(host) && !HOST_NAME.matcher(host).matches()) {
            throw invalid(spec, "'" + host + "' is neither an IP address nor a host name");
        }
        String bootstrap = uri.getFragment();
        if (bootstrap != null) {
            bootstrap = bootstrap.startsWith("[") && bootstrap.endsWith("]")
                    ? bootstrap.substring(1, bootstrap.length() - 1) : bootstrap;
            if (!isIpLiteral(bootstrap)) {
                throw invalid(spec, "the bootstrap address after '#' must be an IP address, was '" + bootstrap + "'");
            }
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/dns-query" : uri.getRawPath();
        URI url;
        try {
            url = new URI("https", null, uri.getHost(), uri.getPort(), null, null, null)
                    .resolve(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid(spec, "not a URL: " + e.getMessage());
        }
        return new UpstreamSpec(spec, Protocol.HTTPS, host, null, port, null, url, bootstrap);
    }

    private static UpstreamSpec hostPort(String spec, Protocol protocol, String text, int defaultPort) {
        if (text.contains("/") || text.contains("?") || (protocol != Protocol.TLS && text.contains("#"))) {
            throw invalid(spec, protocol.label() + " upstreams take an address and port only");
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(spec, "missing ']' after the IPv6 address");
            }
            host = text.substring(1, close);
            if (host.indexOf(':') < 0) {
                throw invalid(spec, "brackets are only for IPv6 addresses");
            }
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(spec, "unexpected '" + after + "' after ']'");
                }
                portText = after.substring(1);
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // bare IPv6 without brackets: no port
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        String zone = null;
        int percent = host.indexOf('%');
        if (percent >= 0) {
            zone = host.substring(percent + 1);
            host = host.substring(0, percent);
            if (!ZONE.matcher(zone).matches() || host.indexOf(':') < 0) {
                throw invalid(spec, "a zone ('%" + zone + "') is allowed only on an IPv6 address, e.g. fe80::1%eth0");
            }
        }
        if (!isIpLiteral(host)) {
            throw invalid(spec, "'" + host + "' is not an IP address (" + protocol.label()
                    + " upstreams are IP addresses, so reaching them needs no DNS)");
        }
        if (zone == null && isLinkLocalV6(host)) {
            throw invalid(spec, "the link-local address " + host + " needs a zone, e.g. [" + host + "%eth0]");
        }
        return new UpstreamSpec(spec, protocol, host, zone, port(spec, portText, defaultPort), null, null, null);
    }

    private static int port(String spec, @Nullable String text, int defaultPort) {
        if (text == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw invalid(spec, "port '" + text + "' is not 1..65535");
    }

    static boolean isIpLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        if (host.indexOf(':') < 0 || !IPV6_CHARS.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host) instanceof Inet6Address; // an IPv6 literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLinkLocalV6(String host) {
        try {
            return InetAddress.getByName(host) instanceof Inet6Address v6 && v6.isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(String spec, String reason) {
        return new IllegalArgumentException("invalid upstream '" + spec + "': " + reason + "; " + UpstreamSpec.ALLOWED);
    }
}
