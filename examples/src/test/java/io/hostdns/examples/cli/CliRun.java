package io.hostdns.examples.cli;

import io.hostdns.examples.zone.DemoZoneServer;
import io.hostdns.transport.DnsResources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One in-process run of the CLI with its output captured.
 *
 * @param exit the exit code
 * @param out  what went to standard output
 * @param err  what went to standard error
 */
record CliRun(int exit, String out, String err) {

    /** Runs {@code args}; {@code serve} (if run) stops when {@code stop} completes. */
    static CliRun run(Mono<Void> stop, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // as main runs it: the daemon's command lines without picocli, the others with only the subcommand named
        int exit = HostDnsCli.execute(List.of(args), stop, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs {@code args} (no {@code serve} stop signal). */
    static CliRun run(String... args) {
        return run(Mono.never(), args);
    }

    /** The demo zone served on loopback with its own event loops, for tests; close both when done. */
    record DemoUpstream(DnsResources resources, DemoZoneServer server) implements AutoCloseable {

        static DemoUpstream start() {
            DnsResources resources = DnsResources.create("test-demo", 1);
            return new DemoUpstream(resources, DemoZoneServer.startDemo(resources).block(Duration.ofSeconds(5)));
        }

        /** {@code @127.0.0.1:port}. */
        String at() {
            return "@127.0.0.1:" + server.address().getPort();
        }

        @Override
        public void close() {
            server.shutdown(Duration.ZERO).block(Duration.ofSeconds(5));
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
