package io.hostdns.examples.cli;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.trace.QueryTrace;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code hostdns query --config F NAME}: the question asked of the configuration's own pipeline (hosts,
 * members, cache, routes, upstreams), started in-process, instead of a server. With {@code --trace} the
 * pipeline's stage list is printed first ({@link HostDnsForwarder#stages()}, then the stack under each
 * upstream), then each step from the {@link QueryTrace}: which stage passed the query on, answered or failed
 * it, every upstream attempt with its protocol, latency and outcome, hedges. The trace is printed even when
 * the query fails, since that is when it is needed most.
 *
 * <p>The in-process forwarder listens only on an ephemeral loopback port, never writes resolv.conf and
 * skips the start-up loop probes, so asking a question has no side effect on the host.
 */
final class LocalQuery {

    private static final Duration START_BUDGET = Duration.ofSeconds(15);
    private static final Duration STOP_BUDGET = Duration.ofSeconds(5);

    private LocalQuery() {
    }

    /** Resolves {@code query} through {@code config}'s pipeline and prints the response (and trace) to {@code out}. */
    static int run(HostDnsConfig config, Query query, boolean trace, Duration timeout, PrintWriter out) {
        DnsResources resources = DnsResources.create("hostdns-query", 1);
        HostDnsForwarder forwarder = null;
        try {
            forwarder = HostDnsForwarder.builder(withoutSideEffects(config))
                    .resources(resources)
                    .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .loopCheck(null)
                    .start()
                    .block(START_BUDGET);
            if (trace) {
                printStages(forwarder, out);
            }
            QueryTrace steps = new QueryTrace();
            long start = System.nanoTime();
            Answer answer;
            try {
                answer = Objects.requireNonNull(Objects.requireNonNull(forwarder).resolve(query, steps)
                        .block(timeout), "answer");
            } finally {
                if (trace) {
                    printTrace(steps.events(), out);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            out.print(DigOutput.render(query, answer, "local pipeline, answered by " + answer.source(), elapsed));
            out.flush();
            return 0;
        } finally {
            if (forwarder != null) {
                forwarder.shutdown(Duration.ZERO).block(STOP_BUDGET);
            }
            resources.disposeLater().block(STOP_BUDGET);
        }
    }

    private static void printStages(HostDnsForwarder forwarder, PrintWriter out) {
        List<HostDnsForwarder.StageDescription> stages = forwarder.stages();
        out.println(";; PIPELINE (" + stages.size() + " stages):");
        for (int i = 0; i < stages.size(); i++) {
            out.println(";;  " + (i + 1) + ". " + stages.get(i).name() + ": " + stages.get(i).detail());
        }
        out.println(";;  per upstream of a route:");
        for (HostDnsForwarder.StageDescription stage : forwarder.upstreamStages()) {
            out.println(";;     " + stage.name() + ": " + stage.detail());
        }
        out.println();
        out.flush();
    }

    private static void printTrace(List<QueryTrace.Event> events, PrintWriter out) {
        out.println(";; TRACE (" + events.size() + " steps):");
        for (int i = 0; i < events.size(); i++) {
            out.println(";;  " + (i + 1) + ". " + events.get(i).describe());
        }
        out.println();
        out.flush();
    }

    /** {@code config} that neither rewrites resolv.conf nor serves HTTP endpoints, whatever the file says. */
    private static HostDnsConfig withoutSideEffects(HostDnsConfig c) {
        HostDnsConfig.ResolvConf r = c.resolvConf();
        return c.toBuilder().resolvConf(new HostDnsConfig.ResolvConf(r.path(), false, r.keepSearch()))
                .metrics(HostDnsConfig.Metrics.off()).build();
    }
}
