package io.hostdns.examples.cli;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * {@code --changes N} changes or {@code --for DURATION}.
 */
@Command(name = "upstreams", mixinStandardHelpOptions = true, description = "Ask each upstream once and show their health; --watch follows changes.",
        sortOptions = false)
final class UpstreamsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = {"-u", "--upstream"}, paramLabel = "SPEC",
            description = "Check these upstreams instead of the configured ones (e.g. 1.1.1.1, tls://9.9.9.9).")
    List<String> upstreams = new ArrayList<>();

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
        HostDnsConfig effective = EffectiveConfig.resolve(config.load(), List.of(), upstreams,
                SystemResolvers.RESOLV_CONF);
        PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
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

    private void watch(UpstreamProbe probe, PrintWriter out) {
        out.println("watching: each upstream asked every " + interval.toMillis()
                + " ms; state changes follow (Ctrl-C to stop)");
        out.flush();
        Mono<Boolean> stop = Objects.requireNonNull(root).stopServing().then(Mono.just(true));
        if (duration != null) {
            stop = Mono.firstWithSignal(stop, Mono.delay(duration).thenReturn(true));
        }
        Flux<String> lines = probe.changes()
                .map(s -> UpstreamTable.line(s, probe.scope(s.id()), Instant.now()))
                .takeUntilOther(stop);
        if (changes != null) {
            lines = lines.take(changes);
        }
        // the next round starts an interval after the previous one ended, however slow the upstreams are
        Disposable rounds = probe.probeAll().delaySubscription(interval, Schedulers.parallel()).repeat().subscribe();
        try {
            // printed here, on the command's thread: writing to the terminal must not block an event loop
            for (String line : lines.toIterable(1)) {
                out.println(line);
                out.flush();
            }
        } finally {
            rounds.dispose();
        }
    }
}
