package io.hostdns.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostDnsCliTest {

    @Test
    void logLevel_isInfoForServe_warnForOneShotCommands_debugWithVerbose() {
        assertThat(HostDnsCli.logLevel(List.of("serve", "--demo"))).isEqualTo("info");
        assertThat(HostDnsCli.logLevel(List.of("query", "@127.0.0.1", "serve"))).isEqualTo("warn");
        assertThat(HostDnsCli.logLevel(List.of("upstreams"))).isEqualTo("warn");
        assertThat(HostDnsCli.logLevel(List.of("serve", "-v"))).isEqualTo("debug");
        assertThat(HostDnsCli.logLevel(List.of("query", "--verbose", "x"))).isEqualTo("debug");
    }

    @Test
    void help_listsEveryCommand_andExitsZero() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("serve", "query", "upstreams", "resolv-conf");
        CliRun serveHelp = CliRun.run("serve", "--help");
        assertThat(serveHelp.exit()).isZero();
        assertThat(serveHelp.out()).contains("--demo", "--listen", "--upstream", "--config");
    }
}
