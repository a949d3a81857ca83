package io.hostdns.core.hosts;

import static io.hostdns.core.hosts.LocalAnswerAssertions.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

class NodeIdentityTest {

    @Test
    void of_splitsAnFqdnIntoHostnameAndFqdn() {
        NodeIdentity fqdn = NodeIdentity.of("node1.cluster.example.", List.of(address("10.0.0.1")));
        assertThat(fqdn.hostname()).isEqualTo("node1");
        assertThat(fqdn.fqdn()).isEqualTo("node1.cluster.example");
        NodeIdentity shortName = NodeIdentity.of("node1", List.of());
        assertThat(shortName.fqdn()).isNull();
        assertThatThrownBy(() -> NodeIdentity.of("bad name", List.of())).hasMessageContaining("'bad name'");
    }

    @Test
    void fromFile_readsTheFirstLine_andFeedsStaticHosts(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hostname"), "worker-3.lab.example\n");
        NodeIdentity node = NodeIdentity.fromFile(file, List.of(address("192.0.2.3")));

        StaticHosts hosts = node.addTo(StaticHosts.builder()).build();

        assertThat(hosts.addresses(Name.fromConstantString("worker-3."))).containsExactly(address("192.0.2.3"));
        assertThat(hosts.addresses(Name.fromConstantString("WORKER-3.lab.example."))).containsExactly(address("192.0.2.3"));
        assertThatThrownBy(() -> NodeIdentity.fromFile(Files.writeString(dir.resolve("empty"), "\n"), List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("no host name");
    }

    @Test
    void nodeWithoutAddresses_isOwnedWithNoAddress() {
        StaticHosts hosts = StaticHosts.builder().node("lonely", null, List.of()).build();
        assertThat(hosts.addresses(Name.fromConstantString("lonely."))).isEmpty();
        assertThat(hosts.addresses(Name.fromConstantString("other."))).isNull();
    }
}
