package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Protocol;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.1.1.1                          | UDP   | 1.1.1.1          | 53   | 1.1.1.1:53
            1.1.1.1:5353                     | UDP   | 1.1.1.1          | 5353 | 1.1.1.1:5353
            2606:4700::1111                  | UDP   | 2606:4700::1111  | 53   | [2606:4700::1111]:53
            [2606:4700::1111]:5300           | UDP   | 2606:4700::1111  | 5300 | [2606:4700::1111]:5300
            udp://192.168.1.22               | UDP   | 192.168.1.22     | 53   | 192.168.1.22:53
            UDP://192.168.1.22:54            | UDP   | 192.168.1.22     | 54   | 192.168.1.22:54
            tcp://[2606:4700::1111]:53       | TCP   | 2606:4700::1111  | 53   | [2606:4700::1111]:53
            tcp://127.0.0.1                  | TCP   | 127.0.0.1        | 53   | 127.0.0.1:53
            tls://1.1.1.1#cloudflare-dns.com | TLS   | 1.1.1.1          | 853  | 1.1.1.1:853#cloudflare-dns.com
            tls://[::1]:8853                 | TLS   | ::1              | 8853 | [::1]:8853
            """)
    void parse_acceptsAddressSpecs(String spec, Protocol protocol, String host, int port, String address) {
        UpstreamSpec parsed = UpstreamSpec.parse(spec);

        assertThat(parsed.protocol()).isEqualTo(protocol);
        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port);
        assertThat(parsed.address()).isEqualTo(address);
        assertThat(parsed.spec()).isEqualTo(spec);
    }

    @Test
    void tls_keepsTheServerName() {
        UpstreamSpec spec = UpstreamSpec.parse("tls://1.1.1.1#cloudflare-dns.com");

        assertThat(spec.tlsServerName()).isEqualTo("cloudflare-dns.com");
        assertThat(spec.socketAddress()).isEqualTo(new InetSocketAddress("1.1.1.1", 853));
    }

    @Test
    void https_keepsUrlAndBootstrap_andConnectsToTheBootstrap() {
        UpstreamSpec spec = UpstreamSpec.parse("https://dns.example/dns-query#192.0.2.53");

        assertThat(spec.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(spec.host()).isEqualTo("dns.example");
        assertThat(spec.port()).isEqualTo(443);
        assertThat(spec.dohUrl()).hasToString("https://dns.example/dns-query");
        assertThat(spec.bootstrap()).isEqualTo("192.0.2.53");
        assertThat(spec.socketAddress()).isEqualTo(new InetSocketAddress("192.0.2.53", 443));
        assertThat(spec.isIpv6()).isFalse();
    }

    @Test
    void https_withoutBootstrap_parses_butHasNoSocketAddress() {
        UpstreamSpec spec = UpstreamSpec.parse("https://dns.example:8443/q?ct=1");

        assertThat(spec.dohUrl()).hasToString("https://dns.example:8443/q?ct=1");
        assertThat(spec.bootstrap()).isNull();
        assertThatThrownBy(spec::socketAddress).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bootstrap address");
    }

    @Test
    void https_withIpv6Host_isIpv6() {
        UpstreamSpec spec = UpstreamSpec.parse("https://[2606:4700::1111]/dns-query");

        assertThat(spec.isIpv6()).isTrue();
        assertThat(spec.socketAddress().getPort()).isEqualTo(443);
    }

    @Test
    void linkLocalWithNumericZone_resolvesToThatScope() {
        UpstreamSpec spec = UpstreamSpec.parse("udp://[fe80::1%1]:53");

        assertThat(spec.zone()).isEqualTo("1");
        assertThat(spec.isIpv6()).isTrue();
        assertThat(((Inet6Address) spec.socketAddress().getAddress()).getScopeId()).isEqualTo(1);
        assertThat(spec.address()).isEqualTo("[fe80::1%1]:53");
    }

    @Test
    void linkLocalWithInterfaceZone_keepsTheZone_andAnUnknownInterfaceIsAClearError() {
        UpstreamSpec spec = UpstreamSpec.parse("[fe80::1%nosuchif0]");

        assertThat(spec.zone()).isEqualTo("nosuchif0");
        assertThatThrownBy(spec::socketAddress).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no network interface 'nosuchif0'");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
        "", "dns.google", "udp://dns.google", "ftp://1.1.1.1", "1.1.1.1:0", "1.1.1.1:65536", "1.1.1.1:x",
        "256.1.1.1", "[2606:4700::1111", "[::1]x", "tcp://1.1.1.1/path", "udp://1.1.1.1#name",
        "fe80::1", "udp://[fe80::1]:53", "1.1.1.1%eth0", "tls://1.1.1.1#bad_name!", "https:///dns-query",
        "https://dns.example/dns-query#not-an-ip", "https://bad_host!/q", "1:2:3"
    })
    void parse_rejectsBadSpecs_namingTheSpecAndWhatIsAllowed(String spec) {
        assertThatThrownBy(() -> UpstreamSpec.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + spec + "'")
                .hasMessageContaining("expected a bare IP[:port], udp://");
    }
}
