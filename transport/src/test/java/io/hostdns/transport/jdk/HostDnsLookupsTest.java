package io.hostdns.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.transport.netty.AddressPreference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from system properties and the lookups behind the JDK provider, on Java 17. */
class HostDnsLookupsTest {

    @TempDir
    Path dir;

    @Test
    void settings_areReadFromProperties_withDefaults() {
        Properties p = new Properties();
        p.setProperty(JdkResolverSettings.UPSTREAMS, " 192.0.2.1 , udp://192.0.2.2:5353,");
        JdkResolverSettings settings = JdkResolverSettings.from(p);
        assertThat(settings.upstreams()).containsExactly("192.0.2.1", "udp://192.0.2.2:5353");
        assertThat(settings.hosts()).isNull();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void settings_badTimeout_namesTheProperty() {
        Properties p = new Properties();
        p.setProperty(JdkResolverSettings.TIMEOUT_MILLIS, "soon");
        assertThatThrownBy(() -> JdkResolverSettings.from(p)).hasMessageContaining("hostdns.timeoutMillis")
                .hasMessageContaining("soon");
        p.setProperty(JdkResolverSettings.TIMEOUT_MILLIS, "100");
        p.setProperty(JdkResolverSettings.ATTEMPT_TIMEOUT_MILLIS, "0");
        assertThatThrownBy(() -> JdkResolverSettings.from(p)).hasMessageContaining("hostdns.attemptTimeoutMillis");
    }

    @Test
    void hostsOnly_answersItsNames_inPreferenceOrder_andLeavesOthersToTheBuiltinResolver() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.5 app.hostdns.test\n2001:db8::5 app.hostdns.test\n");
        Properties p = new Properties();
        p.setProperty(JdkResolverSettings.HOSTS, hosts.toString());
        HostDnsLookups lookups = HostDnsLookups.start(JdkResolverSettings.from(p));
        try {
            assertThat(lookups.lookup("app.hostdns.test", AddressPreference.IPV6_FIRST))
                    .extracting(InetAddress::getHostAddress).containsExactly("2001:db8:0:0:0:0:0:5", "192.0.2.5");
            assertThat(lookups.lookup("app.hostdns.test", AddressPreference.IPV4_ONLY))
                    .extracting(InetAddress::getHostAddress).containsExactly("192.0.2.5");
            assertThat(lookups.lookup("elsewhere.example", AddressPreference.IPV4_FIRST)).isNull();
            assertThat(lookups.reverse(new byte[] {(byte) 192, 0, 2, 5})).isEqualTo("app.hostdns.test");
            assertThat(lookups.reverse(new byte[] {(byte) 192, 0, 2, 6})).isNull();
        } finally {
            lookups.dispose();
        }
    }

    @Test
    void hostsNameWithoutTheAskedFamily_isUnknownHost() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.5 v4.hostdns.test\n");
        Properties p = new Properties();
        p.setProperty(JdkResolverSettings.HOSTS, hosts.toString());
        HostDnsLookups lookups = HostDnsLookups.start(JdkResolverSettings.from(p));
        try {
            assertThatThrownBy(() -> lookups.lookup("v4.hostdns.test", AddressPreference.IPV6_ONLY))
                    .isInstanceOf(UnknownHostException.class).hasMessageContaining("v4.hostdns.test");
        } finally {
            lookups.dispose();
        }
    }
}
