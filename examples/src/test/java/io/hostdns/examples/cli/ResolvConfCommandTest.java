package io.hostdns.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfCommandTest {

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("hostdns.yaml"), yaml);
    }

    @Test
    void resolvConf_listsResolversAndRoutes_andRendersTheFileKeepingSearchDomains() throws IOException {
        Path current = Files.writeString(dir.resolve("resolv.conf"),
                "nameserver 192.0.2.1\nsearch corp.example lan\noptions ndots:2 edns0\n");
        Path file = config("""
                hostDNS:
                  listen: ["127.0.0.53:53"]
                  resolvers: ["192.0.2.53", "tls://1.1.1.1"]
                  routes: {"corp.example.": ["10.0.0.53"]}
                  resolvConf: {path: "%s"}
                """.formatted(current));

        CliRun run = CliRun.run("resolv-conf", "--config", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("  1. udp://192.0.2.53:53\n  2. tls://1.1.1.1:853\n")
                .contains("Route corp.example. (names under it go only to these):\n  1. udp://10.0.0.53:53\n")
                .contains("Listening on: 127.0.0.53:53\n")
                .contains("not written: hostDNS.resolvConf.write is off; search domains kept")
                .contains("nameserver 127.0.0.53\nsearch corp.example lan\noptions ndots:2 edns0\n")
                .doesNotContain("nameserver 192.0.2.1");
    }

    @Test
    void resolvConf_withKeepSearchOff_clearsSearchDomains() throws IOException {
        Path current = Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.0.2.1\nsearch lan\n");
        Path file = config("""
                hostDNS:
                  resolvers: ["192.0.2.53"]
                  resolvConf: {path: "%s", keepSearch: false}
                """.formatted(current));

        CliRun run = CliRun.run("resolv-conf", "-c", file.toString(), "--listen", "127.0.0.1:53");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Listening on: 127.0.0.1:53").contains("search domains cleared")
                .contains("nameserver 127.0.0.1\n").doesNotContain("search lan");
    }

    @Test
    void resolvConf_withoutAListenerOnPort53_explainsWhyNoFileCanPointAtIt() throws IOException {
        Path file = config("hostDNS:\n  listen: [\"127.0.0.1:5353\"]\n  resolvers: [\"192.0.2.53\"]\n");

        CliRun run = CliRun.run("resolv-conf", "--config", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("No resolv.conf: a resolv.conf cannot name a port");
    }

    @Test
    void badConfig_exits2_withOneLineNamingTheField() throws IOException {
        Path file = config("hostDNS:\n  resolvers: [\"udp://dns.example\"]\n");

        CliRun run = CliRun.run("resolv-conf", "--config", file.toString());

        assertThat(run.exit()).isEqualTo(HostDnsCli.EXIT_USAGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("hostdns resolv-conf: config file '" + file + "': hostDNS.resolvers[0]: invalid upstream")
                .contains("'udp://dns.example'");
    }

    @Test
    void unknownConfigKey_andMissingFile_exit2() throws IOException {
        Path file = config("hostDNS:\n  upstreams: [\"1.1.1.1\"]\n");
        CliRun unknown = CliRun.run("resolv-conf", "--config", file.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("upstreams").doesNotContain("\tat ");

        CliRun missing = CliRun.run("resolv-conf", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("hostdns resolv-conf: cannot read config file '"
                + dir.resolve("nope.yaml") + "': no such file\n");
    }

    @Test
    void noCommand_exits2_withOneLine() {
        CliRun run = CliRun.run();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("a command is needed");
    }
}
