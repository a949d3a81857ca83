package io.hostdns.core.hosts;

import static io.hostdns.core.hosts.LocalAnswerAssertions.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

class StaticHostsTest {

    @Test
    void aNameListedTwice_getsTheUnionOfItsAddresses_withoutDuplicates() {
        StaticHosts hosts = StaticHosts.builder()
                .hostsFile(HostsFile.parse("hosts", "10.0.0.1 app\n10.0.0.2 APP\n10.0.0.1 app\n"))
                .add(Name.fromConstantString("app."), List.of(address("10.0.0.3")))
                .build();

        assertThat(hosts.addresses(Name.fromConstantString("app."))).containsExactly(address("10.0.0.1"),
                address("10.0.0.2"), address("10.0.0.3"));
        assertThat(hosts.pointers(ReverseMap.fromAddress(address("10.0.0.1")))).hasSize(1);
        assertThat(hosts.isEmpty()).isFalse();
        assertThat(StaticHosts.builder().build().isEmpty()).isTrue();
    }

    @Test
    void changedNames_listsAddedRemovedAndReaddressedNames_withTheirReverseNames() {
        StaticHosts before = StaticHosts.builder().hostsFile(HostsFile.parse("h", "10.0.0.1 same\n10.0.0.2 moved\n10.0.0.3 gone\n")).build();
        StaticHosts after = StaticHosts.builder().hostsFile(HostsFile.parse("h", "10.0.0.1 SAME\n10.0.0.4 moved\n10.0.0.5 new\n")).build();

        assertThat(StaticHosts.changedNames(before, after)).extracting(Name::toString).containsExactlyInAnyOrder(
                "moved.", "gone.", "new.", "2.0.0.10.in-addr.arpa.", "3.0.0.10.in-addr.arpa.", "4.0.0.10.in-addr.arpa.",
                "5.0.0.10.in-addr.arpa.");
        assertThat(StaticHosts.changedNames(before, before)).isEmpty();
    }

    @Test
    void relativeOrInvalidNames_areRefused() {
        assertThatThrownBy(() -> StaticHosts.builder().add(Name.fromConstantString("relative"), List.of()))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> StaticHosts.builder().node("no good", null, List.of()))
                .hasMessageContaining("'no good'");
    }
}
