package io.hostdns.transport;

import io.hostdns.core.Protocol;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One upstream as configured, parsed by {@link #parse(String)}:
 * <pre>
 *   1.1.1.1  1.1.1.1:5353  2606:4700::1111  [2606:4700::1111]:53   bare IP = UDP (TC=1 retried over TCP)
 *   udp://1.1.1.1          udp://[fe80::1%eth0]:53                 the same, explicitly
 *   tcp://[2606:4700::1111]:53                                     TCP only (RFC 7766)
 *   tls://1.1.1.1#cloudflare-dns.com                               DoT, port 853; after '#' the TLS server name
 *   https://dns.example/dns-query#192.0.2.53                       DoH, port 443; after '#' the bootstrap IP
 * </pre>
 * UDP, TCP and TLS upstreams are IP literals (no name lookup is ever needed to reach an upstream); an
 * IPv6 literal takes brackets when a port follows, and a link-local one needs its zone
 * ({@code [fe80::1%eth0]}, or a numeric scope {@code %2}). A DoH URL may name its host; the bootstrap
 * address after {@code #} is where it is reached, so it never needs DNS itself.
 *
 * @param spec          the text as configured
 * @param protocol      the transport
 * @param host          the IP literal (without brackets or zone), or the DoH URL's host name
 * @param zone          the IPv6 zone (interface name or number), or null
 * @param port          the port
 * @param tlsServerName for TLS, the name to send as SNI and verify the certificate against; null to
 *                      verify the IP address
 * @param dohUrl        for HTTPS, the URL queries are sent to
 * @param bootstrap     for HTTPS, the IP literal to connect to; null when the URL's host is one
 */
public record UpstreamSpec(String spec, Protocol protocol, String host, @Nullable String zone, int port,
                           @Nullable String tlsServerName, @Nullable URI dohUrl, @Nullable String bootstrap) {

    static final String ALLOWED = "expected a bare IP[:port], udp://IP[:port], tcp://IP[:port], "
            + "tls://IP[:port][#tls-server-name] or https://host[:port]/path[#bootstrap-IP]; "
            + "IPv6 in brackets when a port follows, link-local with its zone, e.g. [fe80::1%eth0]:53";

    public UpstreamSpec {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses an upstream spec.
     *
     * @throws IllegalArgumentException naming the spec, what is wrong and what is allowed
     */
    public static UpstreamSpec parse(String spec) {
        return UpstreamSpecParser.parse(spec);
    }

    /** Whether this upstream is reached over IPv6 (its literal, or for DoH its bootstrap address). */
    public boolean isIpv6() {
        String address = connectHost();
        return address != null && address.indexOf(':') >= 0;
    }

    /**
     * The socket address to connect to, the zone resolved to its interface.
     *
     * @throws IllegalArgumentException when the zone names no interface of this host, or a DoH upstream
     *                                  has a host name and no bootstrap address
     */
    public InetSocketAddress socketAddress() {
        String address = connectHost();
        if (address == null) {
            throw new IllegalArgumentException("upstream '" + spec + "' names host " + host
                    + " and has no bootstrap address; add one after '#', e.g. " + spec + "#192.0.2.53");
        }
        try {
            InetAddress ip = InetAddress.getByName(address); // a checked literal: no lookup
            if (zone != null) {
                ip = withZone((Inet6Address) ip, zone);
            }
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("upstream '" + spec + "': " + e.getMessage(), e);
        }
    }

    private Inet6Address withZone(Inet6Address ip, String zoneName) throws UnknownHostException, SocketException {
        if (zoneName.chars().allMatch(Character::isDigit)) {
            return Inet6Address.getByAddress(null, ip.getAddress(), Integer.parseInt(zoneName));
        }
        NetworkInterface nif = NetworkInterface.getByName(zoneName);
        if (nif == null) {
            throw new IllegalArgumentException("upstream '" + spec + "': no network interface '" + zoneName
                    + "' on this host");
        }
        // by index, not by interface: the JDK's interface form demands the interface has a link-local address
        return Inet6Address.getByAddress(null, ip.getAddress(), nif.getIndex());
    }

    private @Nullable String connectHost() {
        if (protocol == Protocol.HTTPS) {
            return bootstrap != null ? bootstrap : UpstreamSpecParser.isIpLiteral(host) ? host : null;
        }
        return host;
    }

    /** The address part of the upstream's id: {@code 1.1.1.1:53}, {@code [fe80::1%eth0]:53} or the DoH URL. */
    public String address() {
        if (protocol == Protocol.HTTPS) {
            return String.valueOf(dohUrl);
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + (zone == null ? "" : "%" + zone) + "]" : host;
        return h + ":" + port + (tlsServerName == null ? "" : "#" + tlsServerName);
    }

    /**
     * The normalized spec, which {@link #parse} reads back to the same upstream: the scheme and port always
     * written, e.g. {@code udp://1.1.1.1:53}, {@code tls://1.1.1.1:853#cloudflare-dns.com},
     * {@code https://dns.example/dns-query#192.0.2.53}.
     */
    @Override
    public String toString() {
        if (protocol == Protocol.HTTPS) {
            return dohUrl + (bootstrap == null ? "" : "#" + bootstrap);
        }
        return protocol.label() + "://" + address();
    }
}
