package io.hostdns.transport;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.https.DohResolver;
import io.hostdns.transport.tcp.TcpDnsClient;
import io.hostdns.transport.tls.TlsTrust;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns upstream specs into {@link Upstream}s on one {@link DnsResources}: UDP specs (and bare addresses)
 * become a {@link UdpDnsClient} whose truncated answers are retried over TCP, TCP specs a
 * {@link TcpDnsClient}, TLS specs a DoT client (the TCP client {@linkplain TcpDnsClient.Builder#tls over TLS})
 * and HTTPS specs a {@link DohResolver} reached at the spec's bootstrap address. Both
 * encrypted kinds trust {@link #trust(TlsTrust) one trust} (default: the system's); creating them
 * builds a TLS context, so create upstreams while setting up, not on an event loop. Immutable; every
 * option returns a new factory.
 *
 * <p>With {@link #allowIpv6(boolean) allowIpv6(false)}, {@link #create} rejects IPv6 upstreams and
 * {@link #createAll} leaves them out (keeping every other upstream's configured index). The resolvers
 * made are {@link reactor.core.Disposable}: dispose each when done with it. Disposing the
 * {@code DnsResources} also closes the UDP, TCP and DoT sockets, but not a DoH resolver's HTTP/2
 * connection pool, which only its own {@code dispose()}/{@code disposeLater()} closes.
 */
public final class UpstreamFactory {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFactory.class);

    private final DnsResources resources;
    private final boolean ipv6;
    private final UnaryOperator<UdpDnsClient.Builder> udpOptions;
    private final UnaryOperator<TcpDnsClient.Builder> tcpOptions;
    private final UnaryOperator<DohResolver.Builder> dohOptions;
    private final TlsTrust trust;

    private UpstreamFactory(DnsResources resources, boolean ipv6, UnaryOperator<UdpDnsClient.Builder> udpOptions,
                            UnaryOperator<TcpDnsClient.Builder> tcpOptions, UnaryOperator<DohResolver.Builder> dohOptions,
                            TlsTrust trust) {
        this.resources = resources;
        this.ipv6 = ipv6;
        this.udpOptions = udpOptions;
        this.tcpOptions = tcpOptions;
        this.dohOptions = dohOptions;
        this.trust = trust;
    }

    /** A factory with default client options, IPv6 allowed. */
    public static UpstreamFactory create(DnsResources resources) {
        return new UpstreamFactory(Objects.requireNonNull(resources, "resources"), true, b -> b, b -> b, b -> b,
                TlsTrust.systemDefault());
    }

    /** Whether IPv6 upstreams are used (default true). */
    public UpstreamFactory allowIpv6(boolean allow) {
        return new UpstreamFactory(resources, allow, udpOptions, tcpOptions, dohOptions, trust);
    }

    /** Options applied to every UDP client made, e.g. {@code b -> b.sockets(16)}. */
    public UpstreamFactory udpOptions(UnaryOperator<UdpDnsClient.Builder> options) {
        return new UpstreamFactory(resources, ipv6, Objects.requireNonNull(options, "options"), tcpOptions, dohOptions,
                trust);
    }

    /** Options applied to every TCP and DoT client made, e.g. {@code b -> b.maxConnections(4)}. */
    public UpstreamFactory tcpOptions(UnaryOperator<TcpDnsClient.Builder> options) {
        return new UpstreamFactory(resources, ipv6, udpOptions, Objects.requireNonNull(options, "options"), dohOptions,
                trust);
    }

    /** Options applied to every DoH resolver made, e.g. {@code b -> b.method(DohResolver.Method.GET)}. */
    public UpstreamFactory dohOptions(UnaryOperator<DohResolver.Builder> options) {
        return new UpstreamFactory(resources, ipv6, udpOptions, tcpOptions, Objects.requireNonNull(options, "options"),
                trust);
    }

    /** The certificate authorities DoT and DoH servers must chain to (default: the system's). */
    public UpstreamFactory trust(TlsTrust newTrust) {
        return new UpstreamFactory(resources, ipv6, udpOptions, tcpOptions, dohOptions,
                Objects.requireNonNull(newTrust, "trust"));
    }

    /** The upstream for {@code spec}, at position {@code index} of the configuration. */
    public Upstream create(int index, String spec) {
        return create(index, UpstreamSpec.parse(spec));
    }

    /**
     * The upstream for a parsed spec.
     *
     * @throws IllegalArgumentException for an IPv6 upstream when IPv6 is off
     */
    public Upstream create(int index, UpstreamSpec spec) {
        if (!ipv6 && spec.isIpv6()) {
            throw new IllegalArgumentException("upstream '" + spec.spec() + "' is IPv6, and IPv6 upstreams are disabled");
        }
        UpstreamId id = new UpstreamId(index, spec.protocol(), spec.address());
        return switch (spec.protocol()) {
            case UDP -> {
                InetSocketAddress remote = spec.socketAddress();
                UdpDnsClient.Builder builder = udpOptions.apply(UdpDnsClient.builder(resources, id, remote)
                        .tcpFallbackOptions(tcpOptions));
                yield new Upstream(id, builder.build());
            }
            case TCP -> new Upstream(id,
                    tcpOptions.apply(TcpDnsClient.builder(resources, id, spec.socketAddress())).build());
            case TLS -> new Upstream(id, tcpOptions.apply(TcpDnsClient.builder(resources, id, spec.socketAddress())
                    .tls(spec.tlsServerName(), trust)).build());
            case HTTPS -> new Upstream(id, dohOptions.apply(DohResolver.builder(String.valueOf(spec.dohUrl()))
                    .id(id)
                    .bootstrap(spec.socketAddress().getAddress())
                    .trust(trust)
                    .resources(resources)).build());
        };
    }

    /** Upstreams for every spec, indexed by position; IPv6 ones are left out (and logged) when IPv6 is off. */
    public List<Upstream> createAll(List<String> specs) {
        List<Upstream> upstreams = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            UpstreamSpec spec = UpstreamSpec.parse(specs.get(i));
            if (!ipv6 && spec.isIpv6()) {
                log.info("skipping IPv6 upstream '{}': IPv6 upstreams are disabled", spec.spec());
                continue;
            }
            upstreams.add(create(i, spec));
        }
        return upstreams;
    }
}
