package io.hostdns.transport.forwarder.config;

import io.hostdns.core.Protocol;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A syntactically valid upstream spec from the configuration: {@code [scheme://]host[:port][/path]}.
 *
 * <p>This is a deliberately minimal validator so that a bad config fails at load with a clear message.
 * The transport module owns the real parser (bootstrap addresses, TLS server names, DoH URL details)
 * and turns these specs into live upstreams. Accepted forms:
 * <ul>
 *   <li>a bare IP, optionally with a port: {@code 1.1.1.1}, {@code 1.1.1.1:5353}, {@code 2606:4700::1111},
 *       {@code [fe80::1%eth0]:53} — plain DNS over UDP (with TCP on truncation), port 53;</li>
 *   <li>{@code udp://} or {@code tcp://} with an IP literal, port 53 by default;</li>
 *   <li>{@code tls://} with an IP or host name, port 853 by default;</li>
 *   <li>{@code https://} with an IP or host name, port 443, path {@code /dns-query} by default.</li>
 * </ul>
 * A TLS spec may end in {@code #tls-server-name} (the name sent as SNI and verified, e.g.
 * {@code tls://1.1.1.1#cloudflare-dns.com}) and an HTTPS spec in {@code #bootstrap-IP} (where a DoH host name is
 * reached without asking DNS, e.g. {@code https://dns.example/dns-query#192.0.2.53}); the transport module
 * checks what follows the {@code #}.
 * Plain DNS needs an IP literal: resolving the name of the server that resolves names would ask
 * ourselves.
 *
 * @param protocol how to talk to it
 * @param host     the host as written (IPv6 without brackets or zone)
 * @param address  the host as an address when it is an IP literal, else null
 * @param zone     the IPv6 zone of a link-local upstream, else null
 * @param port     1-65535
 * @param path     the HTTP path for {@link Protocol#HTTPS}, empty otherwise
 * @param fragment what followed {@code #}: the TLS server name (TLS) or the bootstrap address (HTTPS); else null
 */
public record UpstreamAddress(Protocol protocol, String host, @Nullable InetAddress address, @Nullable String zone,
                              int port, String path, @Nullable String fragment) {

    /** What an upstream spec must look like, for error messages. */
    public static final String FORMAT = "an upstream: an IP address or udp://, tcp://, tls:// or https:// "
            + "followed by host[:port] (IPv6 in brackets, e.g. [fe80::1%eth0]:53), port 1-65535";

    public UpstreamAddress {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        if (fragment != null && (fragment.isEmpty() || (protocol != Protocol.TLS && protocol != Protocol.HTTPS))) {
            throw new IllegalArgumentException("only a non-empty '#' suffix of a tls:// or https:// upstream is allowed");
        }
    }

    /** An upstream without a {@code #} suffix. */
    public UpstreamAddress(Protocol protocol, String host, @Nullable InetAddress address, @Nullable String zone,
                           int port, String path) {
        this(protocol, host, address, zone, port, path, null);
    }

    /**
     * Parses one spec.
     *
     * @param path the field path for the error message, e.g. {@code hostDNS.resolvers[1]}
     * @throws ConfigException naming {@code path}, the spec and the accepted forms
     */
    public static UpstreamAddress parse(String path, String spec) {
        String text = spec.trim();
        int schemeEnd = text.indexOf("://");
        Protocol protocol = Protocol.UDP;
        if (schemeEnd >= 0) {
            String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            protocol = switch (scheme) {
                case "udp" -> Protocol.UDP;
                case "tcp" -> Protocol.TCP;
                case "tls" -> Protocol.TLS;
                case "https" -> Protocol.HTTPS;
                default -> throw ConfigException.invalid(path, spec,
                        FORMAT + " (unknown scheme '" + scheme + "')");
            };
            text = text.substring(schemeEnd + 3);
        }
        String fragment = null;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            fragment = text.substring(hash + 1);
            text = text.substring(0, hash);
            if (protocol != Protocol.TLS && protocol != Protocol.HTTPS) {
                throw ConfigException.invalid(path, spec, FORMAT + " (only tls:// and https:// take a '#' suffix)");
            }
            if (fragment.isEmpty()) {
                throw ConfigException.invalid(path, spec, FORMAT + " (nothing follows '#')");
            }
        }
        String httpPath = "";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            if (protocol != Protocol.HTTPS) {
                throw ConfigException.invalid(path, spec, FORMAT + " (only https:// takes a path)");
            }
            httpPath = text.substring(slash);
            text = text.substring(0, slash);
        } else if (protocol == Protocol.HTTPS) {
            httpPath = "/dns-query";
        }
        int defaultPort = switch (protocol) {
            case UDP, TCP -> 53;
            case TLS -> 853;
            case HTTPS -> 443;
        };
        HostPort hp = HostPort.parse(path, text, spec, defaultPort, 1, FORMAT);
        if (hp.address() == null && (protocol == Protocol.UDP || protocol == Protocol.TCP)) {
            throw ConfigException.invalid(path, spec,
                    FORMAT + " (plain DNS over " + protocol.label() + " needs an IP address, not a host name)");
        }
        return new UpstreamAddress(protocol, hp.host(), hp.address(), hp.zone(), hp.port(), httpPath, fragment);
    }

    /** {@code host:port} as it appears in an {@link io.hostdns.core.UpstreamId}, e.g. {@code [fe80::1%eth0]:53}. */
    public String hostPort() {
        return new HostPort(host, address, zone, port).render();
    }

    /** The normalized spec, which {@link #parse} reads back to an equal value. */
    @Override
    public String toString() {
        return protocol.label() + "://" + hostPort() + path + (fragment == null ? "" : "#" + fragment);
    }
}
