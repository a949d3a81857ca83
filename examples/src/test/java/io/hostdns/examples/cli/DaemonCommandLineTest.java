package io.hostdns.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;

class DaemonCommandLineTest {

    /** The command picocli makes of {@code args}, as main would run it without {@link DaemonCommandLine}. */
    private static ServeCommand picocliServe(List<String> args) {
        CommandLine cli = HostDnsCli.newCommandLine(Mono.never(), args);
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** Every {@code @Option} field of {@code command} and of its {@code @Mixin}s, by name, with its value. */
    private static Map<String, Object> options(Object command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : command.getClass().getDeclaredFields()) {
            field.setAccessible(true);
            if (field.isAnnotationPresent(Option.class)) {
                values.put(field.getName(), String.valueOf(field.get(command)));
            } else if (field.isAnnotationPresent(Mixin.class)) {
                options(field.get(command)).forEach((name, value) -> values.put(field.getName() + "." + name, value));
            }
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "serve --config /etc/hostdns/hostdns.yaml", "serve -c hostdns.yaml",
            "serve --config=/etc/hostdns/hostdns.yaml"})
    void theDaemonsCommandLines_makeTheCommandPicocliMakes_everyOptionTheSame(String commandLine) throws Exception {
        List<String> args = List.of(commandLine.split(" "));

        ServeCommand daemon = DaemonCommandLine.serveCommand(args).orElseThrow();

        Map<String, Object> expected = options(picocliServe(args));
        assertThat(expected).as("the options compared").containsKeys("config.file", "listen", "upstreams",
                "reloadInterval", "grace", "threads", "demo");
        assertThat(options(daemon)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "query @127.0.0.1 example.com", "serve --verbose", "serve -v --config a.yaml",
            "serve --config a.yaml -v", "serve --help", "serve --config", "serve -c", "serve --config=",
            "serve --config a.yaml --config b.yaml", "serve --config -a.yaml", "serve --listen 127.0.0.1:5353",
            "serve --demo", "serve a.yaml", "--verbose serve --config a.yaml", "serve --config a.yaml extra"})
    void everyOtherCommandLine_isLeftToPicocli(String commandLine) {
        List<String> args = commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" "));

        assertThat(DaemonCommandLine.serveCommand(args)).isEmpty();
    }

    @Test
    void aConfigThatDoesNotLoad_isReportedAsPicocliReportsIt_exit2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "hostDNS:\n  cache: {maxEntries: many}\n");

        CliRun daemon = CliRun.run("serve", "--config", file.toString());
        CliRun picocli = CliRun.run("serve", "--config", file.toString(), "--grace", "2s");

        assertThat(daemon.exit()).isEqualTo(HostDnsCli.EXIT_USAGE);
        assertThat(daemon.err().lines()).singleElement().asString()
                .startsWith("hostdns serve: config file '" + file + "': ").contains("maxEntries").contains("many");
        assertThat(daemon.err()).isEqualTo(picocli.err());
        assertThat(daemon.out()).isEqualTo(picocli.out()).isEmpty();
    }
}
