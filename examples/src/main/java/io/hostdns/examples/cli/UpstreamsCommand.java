package io.hostdns.examples.cli;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code hostdns upstreams}: asks every configured upstream once ({@code . NS}) and prints a table of
 * their health: state, RTT, answers, failures by kind, last error and when. {@code --watch} then keeps
 * asking every {@code --interval} and prints a line each time an upstream changes state, until Ctrl-C,
 * {@code --changes N} changes or {@code --for DURATION}. With {@code --server ADDR:PORT} it shows instead what a
 * running forwarder sees, read from its {@code /upstreams} endpoint, with its readiness and configuration status;
 * {@code --watch} then reads it again every {@code --interval}.
 */
@Command(name = "upstreams", mixinStandardHelpOptions = true, description = "Ask each upstream once and show their health; --watch follows changes.",
        sortOptions = false)
final class UpstreamsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = {"-u", "--upstream"}, paramLabel = "SPEC",
            description = "Check these upstreams instead of the configured ones (e.g. 1.1.1.1, tls://9.9.9.9).")
    List<String> upstreams = new ArrayList<>();

    @Option(names = {"-s", "--server"}, paramLabel = "ADDR:PORT",
            description = "Show the health a running forwarder sees, from its /upstreams endpoint "
                    + "(hostDNS.metrics.listen, e.g. 127.0.0.1:9253), instead of asking the upstreams from here.")
    @Nullable String server;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Time each upstream has to answer (default ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(2);

    @Option(names = {"-w", "--watch"}, description = "Keep asking and print each state change.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "With --watch: how often each upstream is asked (default ${DEFAULT-VALUE}).")
    Duration interval = Duration.ofSeconds(5);

    @Option(names = "--changes", paramLabel = "N", description = "With --watch: stop after N state changes.")
    @Nullable Integer changes;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --watch: stop after this long.")
    @Nullable Duration duration;

    @ParentCommand
    @Nullable HostDnsCli root;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        if (changes != null && changes < 1) {
            throw new UsageException("--changes must be at least 1, got " + changes);
        }
        PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
        if (server != null) {
            if (config.given() || !upstreams.isEmpty()) {
                throw new UsageException("--server reads a running forwarder's view; drop --config and --upstream");
            }
            remote(httpAddress(server), out);
            return 0;
        }
        HostDnsConfig effective = EffectiveConfig.resolve(config.load(), List.of(), upstreams,
                SystemResolvers.RESOLV_CONF);
        UpstreamProbe probe = new UpstreamProbe(effective, timeout);
        try {
            probe.probeAll().block(timeout.plusSeconds(5));
            out.print(UpstreamTable.render(probe.status(), s -> probe.scope(s.id()), Instant.now()));
            probe.skipped().forEach(line -> out.println("note: " + line));
            out.flush();
            if (watch) {
                watch(probe, out);
            }
        } finally {
            probe.dispose();
        }
        return 0;
    }

    private static String httpAddress(String text) {
        try {
            ListenAddress address = HostDnsConfig.Metrics.at(text).listen();
            if (address == null) {
                throw new UsageException("--server needs the forwarder's HTTP address, e.g. 127.0.0.1:9253");
            }
            return address.toString();
        } catch (ConfigException e) {
            throw new UsageException("--server must be an IP address with an optional port (default "
                    + HostDnsConfig.Metrics.DEFAULT_PORT + "), e.g. 127.0.0.1:9253, got '" + text + "'", e);
        }
    }

    /** The table of what the forwarder at {@code hostPort} sees, then with --watch its state changes. */
    private void remote(String hostPort, PrintWriter out) {
        RemoteStatus status = RemoteStatus.fetch(hostPort, timeout);
        Map<UpstreamStatus, String> scopes = new IdentityHashMap<>();
        status.upstreams().forEach(row -> scopes.put(row.status(), row.scope()));
        List<UpstreamStatus> rows = status.upstreams().stream().map(RemoteStatus.Row::status).toList();
        out.print(UpstreamTable.render(rows, scopes::get, Instant.now()));
        out.println(status.readiness());
        out.println(status.config());
        out.flush();
        if (!watch) {
            return;
        }
        out.println("watching " + hostPort + ": read every " + interval.toMillis()
                + " ms; state changes follow (Ctrl-C to stop)");
        out.flush();
        Map<String, UpstreamStatus.State> states = new HashMap<>();
        status.upstreams().forEach(row -> states.put(row.scope() + " " + row.status().id(), row.status().state()));
        // each read blocks on HTTP: on boundedElastic, never on a parallel (non-blocking) thread
        Flux<String> lines = Flux.interval(interval, Schedulers.boundedElastic())
                .map(tick -> RemoteStatus.fetch(hostPort, timeout))
                .concatMapIterable(now -> {
                    List<String> changed = new ArrayList<>();
                    for (RemoteStatus.Row row : now.upstreams()) {
                        UpstreamStatus.State before = states.put(row.scope() + " " + row.status().id(), row.status().state());
                        if (before != row.status().state()) {
                            changed.add(UpstreamTable.line(row.status(), row.scope(), Instant.now()));
                        }
                    }
                    return changed;
                });
        print(lines, out);
    }

    private void print(Flux<String> lines, PrintWriter out) {
        Mono<Boolean> stop = Objects.requireNonNull(root).stopServing().then(Mono.just(true));
        if (duration != null) {
            stop = Mono.firstWithSignal(stop, Mono.delay(duration).thenReturn(true));
        }
        Flux<String> until = lines.takeUntilOther(stop);
        if (changes != null) {
            until = until.take(changes);
        }
        // printed here, on the command's thread: writing to the terminal must not block an event loop
        for (String line : until.toIterable(1)) {
            out.println(line);
            out.flush();
        }
    }

    private void watch(UpstreamProbe probe, PrintWriter out) {
        out.println("watching: each upstream asked every " + interval.toMillis()
                + " ms; state changes follow (Ctrl-C to stop)");
        out.flush();
        // the next round starts an interval after the previous one ended, however slow the upstreams are
        Disposable rounds = probe.probeAll().delaySubscription(interval, Schedulers.parallel()).repeat().subscribe();
        try {
            print(probe.changes().map(s -> UpstreamTable.line(s, probe.scope(s.id()), Instant.now())), out);
        } finally {
            rounds.dispose();
        }
    }
}
