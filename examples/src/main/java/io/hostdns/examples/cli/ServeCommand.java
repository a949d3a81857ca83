package io.hostdns.examples.cli;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.examples.zone.DemoZone;
import io.hostdns.examples.zone.DemoZoneServer;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.RunningDnsServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * {@code hostdns serve}: runs the forwarder until Ctrl-C. Prints where it listens and which upstreams it
 * uses. Without a configuration it listens on {@value EffectiveConfig#DEFAULT_LISTEN} and forwards to the
 * name servers of /etc/resolv.conf. {@code --demo} also starts the authoritative {@code demo.test.} zone
 * in-process on a loopback port and makes it the only upstream, so it answers with no network at all.
 * Stopping closes the listeners, the upstream clients, the demo server and the event loops, within
 * {@code --grace} plus a few seconds.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the caching DNS forwarder until Ctrl-C.", sortOptions = false)
final class ServeCommand implements Callable<Integer> {

    private static final Duration START_BUDGET = Duration.ofSeconds(30);
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = {"-l", "--listen"}, paramLabel = "ADDR:PORT",
            description = "Listen here (UDP and TCP) instead of the configured addresses; repeatable "
                    + "(default without --config: " + EffectiveConfig.DEFAULT_LISTEN + ").")
    List<String> listen = new ArrayList<>();

    @Option(names = {"-u", "--upstream"}, paramLabel = "SPEC",
            description = "Forward to this upstream instead of the configured ones; repeatable. E.g. 1.1.1.1, "
                    + "tcp://9.9.9.9, tls://1.1.1.1, https://1.1.1.1/dns-query (default without --config: "
                    + "the name servers of /etc/resolv.conf).")
    List<String> upstreams = new ArrayList<>();

    @Option(names = "--metrics-listen", paramLabel = "ADDR:PORT",
            description = "Serve /metrics, /health, /ready and /upstreams here instead of the configured address "
                    + "(default 127.0.0.1:9253); \"\" turns them off.")
    @Nullable String metricsListen;

    @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "With --config: how often the file (and hostsFiles) is checked for a change; SIGHUP "
                    + "reloads at once (default ${DEFAULT-VALUE}).")
    Duration reloadInterval = Duration.ofSeconds(5);

    @Option(names = "--demo", description = "Also serve the demo zone demo.test. in-process and use it as the only upstream.")
    boolean demo;

    @Option(names = "--self-test", description = "With --demo: once listening, ask the listener for www.demo.test "
            + "over UDP twice (a miss, then a cache hit), print both answers and stop; exit 1 unless both are "
            + "NOERROR. A smoke test, and the run the launcher records its class-data archive from.")
    boolean selfTest;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "On stop, how long queries in flight may finish (default ${DEFAULT-VALUE}).")
    Duration grace = Duration.ofSeconds(2);

    // One loop: on the 2-core box of benchmarks/README it served more queries at max rate and spent 17 % less CPU
    // per answer at 20k QPS than two (fewer wake-ups per packet); more loops are for hosts past ~100k QPS.
    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Event loops serving queries, each reading its own UDP socket of every listen address "
                    + "(SO_REUSEPORT); 1..64 (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @ParentCommand
    @Nullable HostDnsCli root;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        return serve(Objects.requireNonNull(root).stopServing(), Objects.requireNonNull(spec).commandLine().getOut());
    }

    /**
     * Runs the forwarder with these options until {@code stopServing} completes or the JVM is told to stop
     * (Ctrl-C, SIGTERM), printing where it listens to {@code out}; picocli's {@link #call} and
     * {@link DaemonCommandLine}'s start both come here.
     *
     * @return the exit code: 0, or {@code --self-test}'s
     * @throws UsageException  for options that contradict each other or a configuration that does not load
     * @throws CommandFailure  when the forwarder cannot start (e.g. its address is in use)
     */
    int serve(Mono<Void> stopServing, PrintWriter out) {
        if (demo && !upstreams.isEmpty()) {
            throw new UsageException("--demo makes the demo zone the only upstream; drop --upstream or --demo");
        }
        if (selfTest && !demo) {
            throw new UsageException("--self-test asks the demo zone: add --demo");
        }
        if (threads < 1 || threads > 64) {
            throw new UsageException("--threads must be 1..64, was " + threads);
        }
        DnsResources resources = DnsResources.create("hostdns", threads);
        DemoZoneServer demoServer = null;
        HostDnsForwarder forwarder = null;
        StopOnSignal signal = new StopOnSignal();
        ReloadSignal hup = null;
        Disposable reload = null;
        try {
            List<String> specs = upstreams;
            if (demo) {
                demoServer = Objects.requireNonNull(DemoZoneServer.startDemo(resources).block(START_BUDGET));
                specs = List.of(demoServer.upstreamSpec());
            }
            HostDnsConfig effective = withMetrics(EffectiveConfig.resolve(config.load(), listen, specs,
                    SystemResolvers.RESOLV_CONF));
            if (reloadInterval.isNegative() || reloadInterval.isZero()) {
                throw new UsageException("--reload-interval must be positive, got " + reloadInterval);
            }
            forwarder = Objects.requireNonNull(HostDnsForwarder.builder(effective).resources(resources)
                    .pollInterval(reloadInterval).start()
                    .onErrorMap(e -> httpBindFailure(e) != null, e -> new CommandFailure(
                            httpBindFailure(e) + "; or give --metrics-listen ADDR:PORT", e))
                    .onErrorMap(ServeCommand::inUse, e -> new CommandFailure("cannot listen on "
                            + effective.listenAddresses() + ": address already in use (is another DNS server "
                            + "running there? choose another address with --listen ADDR:PORT)", e))
                    .block(START_BUDGET));
            Path file = config.file;
            if (file != null) {
                hup = new ReloadSignal();
                List<String> listenOverride = listen;
                List<String> upstreamOverride = specs;
                // the file again, with this command line's overrides, as at start
                reload = forwarder.reloadFrom(file, hup.signals(), loaded -> withMetrics(EffectiveConfig.resolve(
                        Optional.of(loaded), listenOverride, upstreamOverride, SystemResolvers.RESOLV_CONF)));
            }
            describe(forwarder, demoServer, file == null ? null : "reloading " + file + " when it changes (checked "
                    + "every " + reloadInterval.toMillis() + " ms) and on SIGHUP", out);
            if (selfTest) {
                return SelfTest.run(forwarder.listenAddresses().get(0), resources, out);
            }
            // The CLI's main thread parks here until stopped (Ctrl-C, SIGTERM, or a test); the forwarder runs on
            // its event loops, so blocking this thread blocks nothing that serves queries.
            Mono.firstWithSignal(stopServing, signal.fired()).block();
            out.println("stopping...");
            out.flush();
            return 0;
        } finally {
            if (reload != null) {
                reload.dispose();
            }
            if (hup != null) {
                hup.close();
            }
            if (forwarder != null) {
                forwarder.shutdown(grace).block(grace.plus(STOP_MARGIN));
            }
            if (demoServer != null) {
                demoServer.shutdown(Duration.ZERO).block(STOP_MARGIN);
            }
            resources.disposeLater().block(STOP_MARGIN);
            if (forwarder != null) {
                out.println("stopped");
                out.flush();
            }
            // last: on SIGTERM, done() lets the shutdown hook return and the JVM exit, which could otherwise come
            // before the line above (JlinkRuntimeTest once saw no "stopped")
            signal.done();
        }
    }

    private HostDnsConfig withMetrics(HostDnsConfig effective) {
        // a self-test must not take the port of a forwarder already running (the launcher records its archive
        // from one); an ephemeral port still loads the endpoints' classes into that archive
        String at = metricsListen != null ? metricsListen : selfTest ? "127.0.0.1:0" : null;
        if (at == null) {
            return effective;
        }
        try {
            return effective.toBuilder().metrics(HostDnsConfig.Metrics.at(at)).build();
        } catch (ConfigException e) {
            throw new UsageException("--metrics-listen must be an IP address with an optional port (default "
                    + HostDnsConfig.Metrics.DEFAULT_PORT + "), e.g. 127.0.0.1:9253, or \"\" for none; got '"
                    + metricsListen + "'", e);
        }
    }

    private static void describe(HostDnsForwarder forwarder, @Nullable DemoZoneServer demoServer,
                                 @Nullable String reloading, PrintWriter out) {
        List<InetSocketAddress> bound = forwarder.listenAddresses();
        for (InetSocketAddress address : bound) {
            out.println("listening on " + hostPort(address) + " (udp and tcp)");
        }
        for (RunningDnsServer.ListenerStatus listener : forwarder.status().listeners()) {
            if (listener.state() == RunningDnsServer.ListenerStatus.State.FAILED) {
                out.println("cannot listen on " + hostPort(listener.address()) + " (" + listener.protocol().label()
                        + ") yet, retrying: " + listener.error());
            }
        }
        InetSocketAddress http = forwarder.httpAddress();
        if (http != null) {
            out.println("http endpoints on http://" + hostPort(http) + " (/metrics /health /ready /upstreams)");
        }
        for (UpstreamStatus upstream : forwarder.status().allUpstreams()) {
            out.println("upstream " + upstream.id() + (demoServer != null ? " (demo zone " + DemoZone.ORIGIN + ")" : ""));
        }
        if (demoServer != null && !bound.isEmpty()) {
            out.println("try: hostdns query @" + hostPort(bound.get(0)) + " www.demo.test");
        }
        if (reloading != null) {
            out.println(reloading);
        }
        out.println("Ctrl-C to stop");
        out.flush();
    }

    /** The message of the failure to bind the HTTP endpoints in {@code error}'s causes, or null if it is not one. */
    private static @Nullable String httpBindFailure(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().startsWith("hostDNS.metrics.listen")) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static boolean inUse(Throwable error) {
        if (httpBindFailure(error) != null) {
            return false; // the HTTP endpoints' address, said as such
        }
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
