package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.quic.Quic;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What hostdns-transport must not drag into an embedder's classpath: the quiche natives of Netty's QUIC codec
 * for five platforms (through reactor-netty-http's HTTP/3 support) and the macOS DNS resolver natives (through
 * reactor-netty-core and -http). hostdns never loads them (DoH is HTTP/2), and they were 22 MB of the CLI jar.
 * The exclusions live in this module's pom, so embedders inherit them; this test runs on this module's test
 * classpath, which Maven builds from the same dependency tree, and fails when a dependency change brings them
 * back.
 */
class DependencyExclusionsTest {

    private static final List<String> BANNED_JARS = List.of("netty-codec-native-quic",
            "netty-resolver-dns-native-macos", "netty-resolver-dns-classes-macos");

    private static final List<String> BANNED_NATIVES = List.of("libnetty_quiche42_linux_x86_64.so",
            "libnetty_quiche42_linux_aarch_64.so", "libnetty_quiche42_osx_x86_64.jnilib",
            "libnetty_quiche42_osx_aarch_64.jnilib", "netty_quiche42_windows_x86_64.dll",
            "libnetty_resolver_dns_native_macos_x86_64.jnilib");

    @Test
    void classpath_holdsNoQuicNativesOrMacOsResolverJars() throws Exception {
        // every jar's manifest: finds the jars whether surefire passes a class path or a manifest-only jar
        List<String> jars = Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF")).stream()
                .map(URL::toString).filter(url -> url.startsWith("jar:"))
                .map(url -> url.substring(url.lastIndexOf('/', url.indexOf("!/")) + 1, url.indexOf("!/"))).toList();

        assertThat(jars).as("the test classpath, as Maven resolved this module's dependencies")
                .anySatisfy(jar -> assertThat(jar).startsWith("reactor-netty-http"))
                .noneSatisfy(jar -> assertThat(BANNED_JARS).anySatisfy(banned -> assertThat(jar).startsWith(banned)));
        for (String library : BANNED_NATIVES) {
            assertThat(getClass().getClassLoader().getResource("META-INF/native/" + library)).as(library).isNull();
        }
    }

    @Test
    void http3_isUnavailable_andTheMacOsResolverCannotBeLoaded() {
        assertThat(Quic.isAvailable()).as("QUIC without its natives").isFalse();
        assertThat(loadable("io.netty.resolver.dns.macos.MacOSDnsServerAddressStreamProvider")).isFalse();
        assertThat(loadable("reactor.netty.http.client.HttpClient")).as("reactor-netty-http itself stays").isTrue();
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, DependencyExclusionsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
