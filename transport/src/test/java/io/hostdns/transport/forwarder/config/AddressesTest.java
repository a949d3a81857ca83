package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Protocol;
import io.hostdns.core.internal.IpLiteral;
import io.hostdns.transport.UpstreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.1.1.1|udp://1.1.1.1:53",
            "1.1.1.1:5353|udp://1.1.1.1:5353",
            "2606:4700::1111|udp://[2606:4700::1111]:53",
            "[2606:4700::1111]:5353|udp://[2606:4700::1111]:5353",
            "[fe80::1%eth0]:53|udp://[fe80::1%eth0]:53",
            "fe80::1%eth0|udp://[fe80::1%eth0]:53",
            "udp://192.168.1.22|udp://192.168.1.22:53",
            "TCP://10.0.0.1|tcp://10.0.0.1:53",
            "tls://1.1.1.1|tls://1.1.1.1:853",
            "tls://1.1.1.1:8853|tls://1.1.1.1:8853",
            "https://dns.example/dns-query|https://dns.example/dns-query",
            "https://dns.example|https://dns.example/dns-query",
            "https://[2606:4700::1111]/q|https://[2606:4700::1111]/q"})
    void upstream_acceptsIpsAndSchemes_withDefaultPorts(String spec, String normalized) {
        UpstreamSpec parsed = ConfigDraft.upstream("hostDNS.resolvers[0]", spec);
        assertThat(parsed).hasToString(normalized);
        assertThat(ConfigDraft.upstream("again", parsed.toString())).hasToString(normalized);
    }

    @Test
    void upstream_keepsTlsServerNameAndDohBootstrap_afterHash() {
        UpstreamSpec dot = ConfigDraft.upstream("r", "tls://1.1.1.1#cloudflare-dns.com");
        UpstreamSpec doh = ConfigDraft.upstream("r", "https://dns.example/dns-query#192.0.2.53");

        assertThat(dot.tlsServerName()).isEqualTo("cloudflare-dns.com");
        assertThat(dot).hasToString("tls://1.1.1.1:853#cloudflare-dns.com");
        assertThat(ConfigDraft.upstream("r", dot.toString())).isEqualTo(
                ConfigDraft.upstream("r", "tls://1.1.1.1:853#cloudflare-dns.com"));
        assertThat(doh.bootstrap()).isEqualTo("192.0.2.53");
        assertThat(doh.dohUrl().getPath()).isEqualTo("/dns-query");
        assertThat(doh).hasToString("https://dns.example/dns-query#192.0.2.53");
        assertThat(ConfigDraft.upstream("r", "1.1.1.1").tlsServerName()).isNull();
        assertThatThrownBy(() -> ConfigDraft.upstream("hostDNS.resolvers[0]", "udp://1.1.1.1#x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hostDNS.resolvers[0]")
                .hasMessageContaining("udp upstreams take an address and port only");
        assertThatThrownBy(() -> ConfigDraft.upstream("r", "tls://1.1.1.1#")).isInstanceOf(ConfigException.class);
    }

    @Test
    void upstream_keepsTheZoneAndProtocol() {
        UpstreamSpec linkLocal = ConfigDraft.upstream("r", "[fe80::1%eth0]:53");
        assertThat(linkLocal.zone()).isEqualTo("eth0");
        assertThat(linkLocal.protocol()).isEqualTo(Protocol.UDP);
        assertThat(linkLocal.address()).isEqualTo("[fe80::1%eth0]:53");
        assertThat(ConfigDraft.upstream("r", "https://dns.example").bootstrap()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quic://1.1.1.1|unknown scheme 'quic'",
            "1.1.1.1:0|port '0' is not 1..65535",
            "1.1.1.1:65536|port '65536' is not 1..65535",
            "1.1.1.1:dns|port 'dns' is not 1..65535",
            "udp://dns.example|'dns.example' is not an IP address (udp upstreams are IP addresses",
            "dns.example|'dns.example' is not an IP address",
            "[1.1.1.1]:53|brackets are only for IPv6",
            "[fe80::1:53|missing ']'",
            "1.1.1.1%eth0|a zone ('%eth0') is allowed only on an IPv6 address",
            "tls://bad_host!|'bad_host!' is not an IP address",
            "udp://1.1.1.1/path|udp upstreams take an address and port only",
            "udp://|'' is not an IP address"})
    void upstream_refusesBadSpecs_namingFieldValueAndWhatIsAllowed(String spec, String detail) {
        assertThatThrownBy(() -> ConfigDraft.upstream("hostDNS.resolvers[1]", spec))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hostDNS.resolvers[1]: invalid upstream '" + spec + "': ")
                .hasMessageContaining(detail)
                .hasMessageContaining("expected a bare IP[:port], udp://IP[:port], tcp://IP[:port], tls://")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("hostDNS.resolvers[1]");
    }

    @Test
    void listen_parsesIpAndPort_defaulting53_andRefusesNames() {
        assertThat(ListenAddress.parse("l", "127.0.0.53:53")).hasToString("127.0.0.53:53");
        assertThat(ListenAddress.parse("l", "[::1]:5353")).hasToString("[::1]:5353");
        assertThat(ListenAddress.parse("l", "169.254.116.108").port()).isEqualTo(53);
        assertThat(ListenAddress.parse("l", "0.0.0.0:0").isWildcard()).isTrue();
        assertThatThrownBy(() -> ListenAddress.parse("hostDNS.listen[0]", "localhost:53"))
                .hasMessage("hostDNS.listen[0] must be a host:port string with an IP address, e.g. 127.0.0.53:53 "
                        + "or [::1]:53 (a host name cannot be listened on), got 'localhost:53'");
    }

    @Test
    void cidr_parsesMasksAndMatches() {
        Cidr net = Cidr.parse("a", "10.1.2.3/8");
        assertThat(net).hasToString("10.0.0.0/8");
        assertThat(net.contains(IpLiteral.parse("10.200.0.1"))).isTrue();
        assertThat(net.contains(IpLiteral.parse("11.0.0.1"))).isFalse();
        assertThat(net.contains(IpLiteral.parse("::a01:203"))).as("never across families").isFalse();
        assertThat(Cidr.parse("a", "fd00::/8").contains(IpLiteral.parse("fd12::1"))).isTrue();
        assertThat(Cidr.parse("a", "::1")).hasToString("::1/128");
        assertThat(Cidr.parse("a", "0.0.0.0/0").contains(IpLiteral.parse("192.0.2.1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "fd00::/129", "any"})
    void cidr_refusesBadNetworks(String text) {
        assertThatThrownBy(() -> Cidr.parse("hostDNS.acl.allow[0]", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hostDNS.acl.allow[0] must be an IP network address/prefix")
                .hasMessageEndingWith("got '" + text + "'");
    }
}
