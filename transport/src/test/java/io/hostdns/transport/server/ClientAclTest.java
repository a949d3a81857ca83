package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAclTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void loopback_allowsLoopbackOnly() throws Exception {
        ClientAcl acl = ClientAcl.loopback();

        assertThat(acl.allows(ip("127.0.0.1"))).isTrue();
        assertThat(acl.allows(ip("127.255.0.9"))).isTrue();
        assertThat(acl.allows(ip("::1"))).isTrue();
        assertThat(acl.allows(ip("10.0.0.1"))).isFalse();
        assertThat(acl.allows(ip("::2"))).isFalse();
    }

    @Test
    void of_matchesPrefixesNotOnByteBoundaries_andIpv4MappedClients() throws Exception {
        ClientAcl acl = ClientAcl.of(List.of("169.254.116.0/22", "fd54:616c:6f73::/48"));

        assertThat(acl.allows(ip("169.254.119.255"))).isTrue();
        assertThat(acl.allows(ip("169.254.120.0"))).isFalse();
        assertThat(acl.allows(ip("::ffff:169.254.116.108"))).isTrue();
        assertThat(acl.allows(ip("fd54:616c:6f73::204f:5320:444e:531"))).isTrue();
        assertThat(acl.allows(ip("fd54:616c:6f74::1"))).isFalse();
    }

    @Test
    void of_rejectsNamesAndBadPrefixes_namingTheEntry() {
        assertThatThrownBy(() -> ClientAcl.of(List.of("localhost"))).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> ClientAcl.of(List.of("10.0.0.0/33"))).hasMessageContaining("0..32");
        assertThatThrownBy(() -> ClientAcl.of(List.of("10.0.0.0/x"))).hasMessageContaining("'10.0.0.0/x'");
    }
}
