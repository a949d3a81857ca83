package io.hostdns.core.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class HostsFileTest {

    private static final String HOSTS = String.join("\n",
            "# static table lookup for hostnames",
            "127.0.0.1   localhost",
            "",
            "10.0.0.5\tdb.example.com db   # the database",
            "   fd00::5 db.example.com",
            "fe80::1%eth0 router",
            "10.0.0.6 web\r",
            "");

    @Test
    void parse_readsAddressesNamesIpv6AndComments() throws Exception {
        HostsFile file = HostsFile.parse("/etc/hosts", HOSTS);

        assertThat(file.problems()).isEmpty();
        assertThat(file.entries()).hasSize(5);
        HostsFile.Entry db = file.entries().get(1);
        assertThat(db.lineNumber()).isEqualTo(4);
        assertThat(db.address()).isEqualTo(InetAddress.getByName("10.0.0.5"));
        assertThat(db.names()).containsExactly(Name.fromString("db.example.com."), Name.fromString("db."));
        assertThat(file.entries().get(2).address()).isEqualTo(InetAddress.getByName("fd00::5"));
        assertThat(file.entries().get(3).address()).isEqualTo(InetAddress.getByName("fe80::1"));
        assertThat(file.entries().get(4).names()).containsExactly(Name.fromString("web."));
    }

    @Test
    void badLines_areReportedWithLineNumberAndContent_andGoodLinesKept() {
        String text = "10.0.0.1 good\n10.0.0.300 bad-address\n10.0.0.2\n10.0.0.3 ok bad..name\nnot-an-ip host\n";

        HostsFile file = HostsFile.parse("/etc/hosts", text);

        assertThat(file.entries()).extracting(HostsFile.Entry::lineNumber).containsExactly(1);
        assertThat(file.problems()).extracting(HostsFile.ParseException::lineNumber).containsExactly(2, 3, 4, 5);
        HostsFile.ParseException badAddress = file.problems().get(0);
        assertThat(badAddress.line()).isEqualTo("10.0.0.300 bad-address");
        assertThat(badAddress).hasMessage("/etc/hosts:2: '10.0.0.300 bad-address': not an IP address: '10.0.0.300'");
        assertThat(file.problems().get(1).reason()).isEqualTo("no host name after the address");
        assertThat(file.problems().get(2).reason()).contains("'bad..name'");
    }

    @Test
    void requireValid_throwsTheFirstProblem_orReturnsTheFile() {
        assertThatThrownBy(() -> HostsFile.parse("extra", "10.0.0.1 a\n\n1.2.3 b\n").requireValid())
                .isInstanceOf(HostsFile.ParseException.class)
                .hasMessage("extra:3: '1.2.3 b': not an IP address: '1.2.3'");
        HostsFile fine = HostsFile.parse("extra", "10.0.0.1 a");
        assertThat(fine.requireValid()).isSameAs(fine);
    }
}
