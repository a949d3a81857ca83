package io.hostdns.examples.cli;

import io.hostdns.core.Protocol;
import io.hostdns.transport.UpstreamSpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @SERVER[:PORT]} argument of {@code query}, made into the upstream spec of the chosen
 * transport: {@code @127.0.0.1:5353} with {@code --tcp} is {@code tcp://127.0.0.1:5353}; without a port,
 * the protocol's default (53, 853 for TLS, 443 for HTTPS). IPv6 may be written bare ({@code @::1}) or
 * in brackets ({@code @[::1]:5353}). For TLS and HTTPS a server name can be given to verify, as
 * {@code tls://IP#name} and {@code https://name/dns-query#IP} do in upstream specs.
 */
final class ServerAddress {

    private ServerAddress() {
    }

    /**
     * The spec for {@code server} (without the {@code @}).
     *
     * @param tlsName for TLS and HTTPS, the server name to send (SNI) and to verify the certificate
     *                against; null to verify the IP address
     * @throws UsageException when it is not an IP address with an optional port
     */
    static UpstreamSpec spec(String server, Protocol protocol, @Nullable String tlsName) {
        String hostPort = server.strip();
        if (hostPort.isEmpty()) {
            throw new UsageException("@SERVER needs an address, e.g. @127.0.0.1:5353");
        }
        if (hostPort.indexOf(':') != hostPort.lastIndexOf(':') && !hostPort.startsWith("[")) {
            hostPort = "[" + hostPort + "]"; // bare IPv6: every colon belongs to the address
        }
        UpstreamSpec plain = parse(server, protocol.label() + "://" + hostPort
                + (protocol == Protocol.HTTPS ? "/dns-query" : ""));
        if (tlsName == null || protocol == Protocol.UDP || protocol == Protocol.TCP) {
            return plain;
        }
        String ip = plain.host().indexOf(':') >= 0 ? "[" + plain.host() + "]" : plain.host();
        return protocol == Protocol.TLS
                ? parse(server, "tls://" + hostPort + "#" + tlsName)
                : parse(server, "https://" + tlsName + ":" + plain.port() + "/dns-query#" + ip);
    }

    private static UpstreamSpec parse(String server, String spec) {
        try {
            return UpstreamSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("@" + server + " is not a server address (an IP address with an optional "
                    + "port, e.g. @127.0.0.1:5353 or @[::1]:53): " + e.getMessage(), e);
        }
    }

    /** How dig names a server: {@code 127.0.0.1#5353(udp)}. */
    static String label(UpstreamSpec spec) {
        if (spec.protocol() == Protocol.HTTPS) {
            return spec.dohUrl() + "(https)";
        }
        return spec.host() + "#" + spec.port() + "(" + spec.protocol().label() + ")";
    }
}
