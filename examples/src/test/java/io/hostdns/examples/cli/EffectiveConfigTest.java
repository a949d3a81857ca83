package io.hostdns.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {

    @TempDir
    Path dir;

    private Path resolvConf(String text) throws IOException {
        return Files.writeString(dir.resolve("resolv.conf"), text);
    }

    @Test
    void defaults_listenOn5353_andForwardToTheResolvConfServers() throws IOException {
        Path file = resolvConf("nameserver 192.0.2.1\nnameserver 2001:db8::53\nsearch lan\n");

        HostDnsConfig c = EffectiveConfig.resolve(Optional.empty(), List.of(), List.of(), file);

        assertThat(c.listen()).extracting(ListenAddress::toString).containsExactly("127.0.0.1:5353");
        assertThat(c.resolvers()).extracting(UpstreamSpec::toString)
                .containsExactly("udp://192.0.2.1:53", "udp://[2001:db8::53]:53");
    }

    @Test
    void resolvConfServers_thatAreOurOwnListeners_areSkipped() throws IOException {
        Path file = resolvConf("nameserver 127.0.0.53\nnameserver 127.0.0.1\nnameserver 192.0.2.1\n");

        HostDnsConfig own = EffectiveConfig.resolve(Optional.empty(), List.of("127.0.0.53:53"), List.of(), file);
        assertThat(own.resolvers()).extracting(UpstreamSpec::toString)
                .containsExactly("udp://127.0.0.1:53", "udp://192.0.2.1:53");

        HostDnsConfig wildcard = EffectiveConfig.resolve(Optional.empty(), List.of("0.0.0.0:53"), List.of(), file);
        assertThat(wildcard.resolvers()).extracting(UpstreamSpec::toString).containsExactly("udp://192.0.2.1:53");
    }

    @Test
    void noUsableResolvConfServer_isAUsageError_sayingWhatToGive() throws IOException {
        Path file = resolvConf("nameserver 127.0.0.53\n");

        assertThatThrownBy(() -> EffectiveConfig.resolve(Optional.empty(), List.of("127.0.0.53:53"), List.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no upstream").hasMessageContaining("--upstream").hasMessageContaining("--demo");
        assertThatThrownBy(() -> EffectiveConfig.resolve(Optional.empty(), List.of(), List.of(),
                dir.resolve("missing.conf"))).isInstanceOf(UsageException.class);
    }

    @Test
    void options_replaceTheFilesLists_andKeepTheRest() {
        HostDnsConfig file = HostDnsConfig.builder().listen("127.0.0.53:53").resolvers("192.0.2.9").disableIPv6(true)
                .build();

        HostDnsConfig c = EffectiveConfig.resolve(Optional.of(file), List.of("127.0.0.1:0"), List.of("tls://1.1.1.1"),
                dir.resolve("unused"));

        assertThat(c.listen()).extracting(ListenAddress::toString).containsExactly("127.0.0.1:0");
        assertThat(c.resolvers()).extracting(UpstreamSpec::toString).containsExactly("tls://1.1.1.1:853");
        assertThat(c.disableIPv6()).isTrue();
    }
}
