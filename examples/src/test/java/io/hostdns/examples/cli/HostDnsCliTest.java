package io.hostdns.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.core.publisher.Mono;

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
        assertThat(CliRun.run("help", "query").out()).contains("Usage: hostdns query");
    }

    @Test
    void invokedCommand_isTheFirstArgumentThatIsNoRootOption_whenItNamesOne() {
        assertThat(HostDnsCli.invokedCommand(List.of("serve", "--config", "query"))).isEqualTo("serve");
        assertThat(HostDnsCli.invokedCommand(List.of("-v", "query", "example.com"))).isEqualTo("query");
        assertThat(HostDnsCli.invokedCommand(List.of("resolv-conf"))).isEqualTo("resolv-conf");
        // the root decides: it needs every command to list them, to help with one, or to suggest one
        assertThat(HostDnsCli.invokedCommand(List.of())).isNull();
        assertThat(HostDnsCli.invokedCommand(List.of("--version"))).isNull();
        assertThat(HostDnsCli.invokedCommand(List.of("help", "serve"))).isNull();
        assertThat(HostDnsCli.invokedCommand(List.of("serv"))).isNull();
    }

    @Test
    void aCommandLineForOneCommand_hasOnlyThatOne_withTheRootsInheritedOptions() {
        CommandLine serve = HostDnsCli.newCommandLine(Mono.never(), List.of("-v", "serve", "--demo"));
        assertThat(serve.getSubcommands()).containsOnlyKeys("serve");
        assertThat(serve.getSubcommands().get("serve").getCommandSpec().findOption("--verbose")).isNotNull();
        assertThat(HostDnsCli.newCommandLine(Mono.never(), List.of("--help")).getSubcommands())
                .containsOnlyKeys("serve", "query", "upstreams", "resolv-conf", "help");
        // the verbose flag given after the command still reaches the root, as before
        CliRun bad = CliRun.run("serve", "--threads", "0", "--verbose");
        assertThat(bad.exit()).isEqualTo(HostDnsCli.EXIT_USAGE);
        assertThat(bad.err()).contains("--threads must be 1..64");
    }

    @Test
    void anUnknownCommand_isAUsageError_pointingToTheHelp() {
        CliRun run = CliRun.run("serv");
        assertThat(run.exit()).isEqualTo(HostDnsCli.EXIT_USAGE);
        assertThat(run.err()).contains("'serv'", "hostdns --help");
    }
}
