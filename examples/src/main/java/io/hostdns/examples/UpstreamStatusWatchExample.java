package io.hostdns.examples;

import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import java.time.Duration;
import java.util.Arrays;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Example 3, watching upstream health as a {@link Flux}: every state change of every upstream of an
 * {@link UpstreamGroup} (HEALTHY, DEGRADED, DOWN) arrives as its new {@link UpstreamStatus}, for a log
 * line, a metric or an alert. DOWN upstreams are probed in the background and come back on their own.
 * <pre>
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.UpstreamStatusWatchExample 1.1.1.1 192.0.2.1
 * </pre>
 */
public final class UpstreamStatusWatchExample {

    private UpstreamStatusWatchExample() {
    }

    /** The group's state changes as log lines, e.g. {@code #001 udp 192.0.2.1:53 is now DOWN (...)}; hot. */
    public static Flux<String> stateChanges(UpstreamGroup group) {
        return group.statusChanges().map(UpstreamStatusWatchExample::describe);
    }

    /** One status as a log line. */
    public static String describe(UpstreamStatus status) {
        String rtt = status.rttMean() == null ? "no answer yet" : "rtt " + status.rttMean().toMillis() + " ms";
        String error = status.lastError() == null ? "" : ", last error: " + status.lastError();
        return status.id() + " is now " + status.state() + " (" + rtt + ", " + status.consecutiveFailures()
                + " failures in a row" + error + ")";
    }

    /** Queries through a group over the upstreams {@code args} once a second, printing each change for 30 s. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: UpstreamStatusWatchExample UPSTREAM...   (upstream specs, e.g. 1.1.1.1)");
            System.exit(2);
        }
        DnsResources resources = DnsResources.create("watch-example", 1);
        UpstreamGroup group = Resolvers.group()
                .upstreams(UpstreamFactory.create(resources).createAll(Arrays.asList(args)))
                .build();
        // a failed query is already in the group's health, which is what this example watches
        Disposable queries = Flux.interval(Duration.ofSeconds(1), Schedulers.parallel())
                .concatMap(i -> group.resolve(Query.of("example.com", Type.A)).onErrorResume(e -> Mono.empty()))
                .subscribe();
        try {
            group.status().forEach(s -> System.out.println("initially " + describe(s)));
            // printed on the main thread: terminal output must not block an event loop
            for (String line : stateChanges(group).take(Duration.ofSeconds(30)).toIterable()) {
                System.out.println(line);
            }
        } finally {
            queries.dispose();
            group.dispose();
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
