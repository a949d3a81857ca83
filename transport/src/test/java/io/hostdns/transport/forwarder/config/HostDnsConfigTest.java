package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.internal.IpLiteral;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class HostDnsConfigTest {

    @Test
    void defaults_followTalosAndDesign() {
        HostDnsConfig c = HostDnsConfig.defaults();

        assertThat(c.enabled()).isTrue();
        assertThat(c.forwardKubeDNSToHost()).isFalse();
        assertThat(c.resolveMemberNames()).isFalse();
        assertThat(c.listen()).extracting(Object::toString).containsExactly("127.0.0.53:53");
        assertThat(c.listenAddresses()).extracting(Object::toString).containsExactly("127.0.0.53:53");
        assertThat(c.resolvers()).extracting(Object::toString).containsExactly("udp://1.1.1.1:53", "udp://8.8.8.8:53");
        assertThat(IpLiteral.format(c.podFacingAddress())).isEqualTo("169.254.116.108");
        assertThat(c.cache()).isEqualTo(new HostDnsConfig.Cache(10_000, Duration.ofSeconds(5), Duration.ofSeconds(3600),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), true, Duration.ofDays(1),
                Duration.ofMillis(1800), Duration.ofSeconds(30), true));
        assertThat(c.timeouts()).isEqualTo(new HostDnsConfig.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(4500),
                Duration.ofMillis(200)));
        assertThat(c.queryLog()).isEqualTo(HostDnsConfig.QueryLog.DEBUG);
        assertThat(c.disableIPv6()).isFalse();
        assertThat(c.routes()).isEmpty();
        assertThat(c.staticHosts()).isEmpty();
        assertThat(c.acl().allow()).extracting(Object::toString).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(c.resolvConf()).isEqualTo(new HostDnsConfig.ResolvConf(Path.of("/etc/resolv.conf"), false, true));
        assertThat(c.chaos()).isEqualTo(new HostDnsConfig.Chaos(null, null));
        assertThat(c.metrics().listen()).hasToString("127.0.0.1:9253");
        assertThat(HostDnsConfig.Metrics.at("[::1]").listen()).hasToString("[::1]:9253");
        assertThat(HostDnsConfig.Metrics.at("").listen()).isNull();
        assertThat(c.hostsFiles()).isEmpty();
        assertThat(c.rateLimit()).isNull();
    }

    @Test
    void forwardKubeDnsToHost_addsThePodFacingListener_andAllowsIt() {
        HostDnsConfig c = HostDnsConfig.builder().forwardKubeDNSToHost(true).build();

        assertThat(c.listen()).extracting(Object::toString).containsExactly("127.0.0.53:53");
        assertThat(c.listenAddresses()).extracting(Object::toString).containsExactly("127.0.0.53:53", "169.254.116.108:53");
        assertThat(c.acl().allows(IpLiteral.parse("169.254.116.108"))).isTrue();
        assertThat(c.acl().allows(IpLiteral.parse("127.0.0.1"))).isTrue();
        assertThat(c.acl().allows(IpLiteral.parse("10.244.0.7"))).isFalse();

        HostDnsConfig custom = HostDnsConfig.builder().forwardKubeDNSToHost(true)
                .podFacingAddress(IpLiteral.parse("fd54:616c:6f73::204f:5320:444e:531")).build();
        assertThat(custom.listenAddresses()).extracting(Object::toString)
                .containsExactly("127.0.0.53:53", "[fd54:616c:6f73:0:204f:5320:444e:531]:53");
    }

    @Test
    void upstreamThatIsOurOwnListenAddress_isRefused_namingBoth() {
        assertThatThrownBy(() -> HostDnsConfig.builder().resolvers("1.1.1.1", "127.0.0.53").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("hostDNS.resolvers[1] must not be one of our own listen addresses, got "
                        + "'udp://127.0.0.53:53' which is hostDNS.listen[0] (127.0.0.53:53): forwarding to ourselves would loop");
        assertThatThrownBy(() -> HostDnsConfig.builder().forwardKubeDNSToHost(true).resolvers("tcp://169.254.116.108").build())
                .hasMessageContaining("hostDNS.resolvers[0]").hasMessageContaining("hostDNS.podFacingAddress (169.254.116.108:53)");
        assertThatThrownBy(() -> HostDnsConfig.builder().listen("0.0.0.0:53").resolvers("127.0.0.1").build())
                .as("a wildcard listener covers loopback").hasMessageContaining("hostDNS.listen[0] (0.0.0.0:53)");
        assertThatThrownBy(() -> HostDnsConfig.builder()
                .route(Name.fromConstantString("corp.example."), "127.0.0.53").build())
                .hasMessageStartingWith("hostDNS.routes[corp.example.][0] must not be one of our own listen addresses");
    }

    @Test
    void sameAddressOnAnotherPort_orAnotherAddress_isNoLoop() {
        HostDnsConfig c = HostDnsConfig.builder().resolvers("127.0.0.53:5353", "127.0.0.1", "tls://127.0.0.53").build();
        assertThat(c.resolvers()).hasSize(3);
        assertThat(HostDnsConfig.builder().listen("[::1]:53").resolvers("127.0.0.1").build().resolvers()).hasSize(1);
    }

    @Test
    void crossFieldRules_nameTheFieldAndTheLimit() {
        assertThatThrownBy(() -> new HostDnsConfig.Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ZERO))
                .hasMessage("hostDNS.timeouts.overall must be a duration between 3s and 1m, got '2s'");
        assertThatThrownBy(() -> new HostDnsConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(3)))
                .hasMessage("hostDNS.timeouts.hedgeDelay must be a duration between 0ms and 2s, got '3s'");
        HostDnsConfig.Cache d = HostDnsConfig.Cache.defaults();
        assertThatThrownBy(() -> new HostDnsConfig.Cache(d.maxEntries(), Duration.ofSeconds(60), Duration.ofSeconds(30),
                d.negativeMinTtl(), d.negativeMaxTtl(), d.servfailTtl(), false, d.maxStale(), d.staleAnswerTimeout(),
                d.staleAnswerTtl(), false))
                .hasMessage("hostDNS.cache.maxTtl must be at least hostDNS.cache.minTtl (1m), got '30s'");
        assertThatThrownBy(() -> HostDnsConfig.builder().resolvers().build())
                .hasMessage("hostDNS.resolvers must be a non-empty list of upstreams, got '[]'");
        assertThatThrownBy(() -> new HostDnsConfig.Acl(List.of()))
                .hasMessage("hostDNS.acl.allow must be a non-empty list of client networks, got '[]'");
    }
}
