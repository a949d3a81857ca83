package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.internal.IpLiteral;
import io.hostdns.core.search.ResolvConf;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvConfPlanTest {

    private final ResolvConf host = ResolvConf.parse(
            "nameserver 192.168.1.1\nsearch lan.example\noptions ndots:5 edns0\n").conf();

    @Test
    void pointingAt_replacesServers_keepingSearchAndOptions() {
        ResolvConf conf = ResolvConfPlan.pointingAt(List.of(ip("127.0.0.53")), host, true);

        assertThat(conf.text()).isEqualTo("""
                nameserver 127.0.0.53
                search lan.example
                options ndots:5 edns0
                """);
    }

    @Test
    void pointingAt_canClearTheSearchDomains() {
        ResolvConf conf = ResolvConfPlan.pointingAt(List.of(ip("169.254.116.108")), host, false);

        assertThat(conf.search()).isEmpty();
        assertThat(conf.text()).doesNotContain("search").contains("nameserver 169.254.116.108\n");
    }

    @Test
    void atMostThreeNameservers_areWritten() {
        List<InetAddress> four = List.of(ip("127.0.0.53"), ip("::1"), ip("169.254.116.108"), ip("127.0.0.54"));

        ResolvConf conf = ResolvConfPlan.pointingAt(four, ResolvConf.empty(), true);

        assertThat(conf.nameservers()).containsExactly("127.0.0.53", "::1", "169.254.116.108");
        assertThat(conf.text()).doesNotContain("127.0.0.54").doesNotContain("options");
        assertThatThrownBy(() -> ResolvConfPlan.pointingAt(List.of(), host, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serversFor_usesListenersOnPort53_wildcardAsLoopback() {
        HostDnsConfig config = HostDnsConfig.builder().forwardKubeDNSToHost(true).build();
        assertThat(ResolvConfPlan.serversFor(config.listenAddresses())).extracting(IpLiteral::format)
                .containsExactly("127.0.0.53", "169.254.116.108");
        List<ListenAddress> mixed = List.of(ListenAddress.parse("l", "127.0.0.1:5353"), ListenAddress.parse("l", "0.0.0.0:53"),
                ListenAddress.parse("l", "[::]:53"));
        assertThat(ResolvConfPlan.serversFor(mixed)).extracting(IpLiteral::format).containsExactly("127.0.0.1", "::1");
        assertThatThrownBy(() -> ResolvConfPlan.serversFor(List.of(ListenAddress.parse("l", "127.0.0.1:5353"))))
                .hasMessageContaining("port 53");
    }

    @Test
    void resolvConfFor_pointsAtTheConfiguredPort53Listeners_keepingOrClearingSearchAsConfigured() {
        HostDnsConfig keep = HostDnsConfig.builder().listen("127.0.0.53:53", "127.0.0.1:5353").build();
        HostDnsConfig clear = keep.toBuilder()
                .resolvConf(new HostDnsConfig.ResolvConf(Path.of("/etc/resolv.conf"), false, false)).build();

        assertThat(keep.resolvConfFor(host)).isEqualTo(
                new ResolvConf(List.of("127.0.0.53"), List.of("lan.example"), host.options()));
        assertThat(clear.resolvConfFor(host).search()).isEmpty();
        assertThatThrownBy(() -> HostDnsConfig.builder().listen("127.0.0.1:5353").build().resolvConfFor(host))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 53");
    }

    @Test
    void text_parsesBackToTheSameConf() {
        ResolvConf conf = ResolvConf.parse("nameserver 1.1.1.1\nnameserver fe80::1%eth0\nsearch a.example b.example\n"
                + "options ndots:2 timeout:1 attempts:3 rotate single-request\n").conf();
        assertThat(ResolvConf.parse(conf.text()).conf()).isEqualTo(conf);
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.parse(literal);
    }
}
