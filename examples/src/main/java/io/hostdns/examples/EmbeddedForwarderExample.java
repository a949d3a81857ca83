package io.hostdns.examples;

import io.hostdns.core.Resolver;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Example 2, the forwarder inside a service: a service starts a {@link HostDnsForwarder} in-process, uses
 * its pipeline directly (no socket) while other processes query its UDP/TCP listener, and swaps its
 * upstreams live when its own configuration changes (queries in flight finish on the old upstreams; the
 * cache is flushed because the upstreams changed).
 * <pre>
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.EmbeddedForwarderExample 1.1.1.1 9.9.9.9
 * </pre>
 */
public final class EmbeddedForwarderExample implements AutoCloseable {

    private final HostDnsForwarder forwarder;

    private EmbeddedForwarderExample(HostDnsForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /**
     * Starts a forwarder for {@code upstreams} listening on {@code listen} (port 0: any free port), with
     * the other settings at their defaults except the HTTP endpoints: an embedding application reports through
     * its own (see {@code HostDnsForwarder.status()}), so this one serves none.
     */
    public static Mono<EmbeddedForwarderExample> start(InetSocketAddress listen, String... upstreams) {
        HostDnsConfig config = HostDnsConfig.builder()
                .listen(listen.getAddress().getHostAddress() + ":" + listen.getPort()).resolvers(upstreams)
                .metrics(HostDnsConfig.Metrics.off()).build();
        return HostDnsForwarder.builder(config).listen(listen).start().map(EmbeddedForwarderExample::new);
    }

    /** The pipeline for in-process lookups: hosts, cache and the current upstreams, following reconfigurations. */
    public Resolver resolver() {
        return forwarder.pipeline();
    }

    /** Where the forwarder listens, UDP and TCP. */
    public List<InetSocketAddress> listenAddresses() {
        return forwarder.listenAddresses();
    }

    /** The upstreams in force, as specs. */
    public List<String> upstreams() {
        return forwarder.config().resolvers().stream().map(UpstreamSpec::toString).toList();
    }

    /** Replaces the upstreams live; completes when the new ones answer the queries, fails if they are unusable. */
    public Mono<Void> switchUpstreams(String... specs) {
        return Mono.fromCallable(() -> forwarder.config().toBuilder().resolvers(specs).build())
                .flatMap(forwarder::reconfigure);
    }

    /** Stops the forwarder: queries in flight get a second to finish. Blocks: call from the service's own thread. */
    @Override
    public void close() {
        forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
    }

    /** Serves on 127.0.0.1:5353 with upstream {@code args[0]} for 20 s, then with {@code args[1]} for 20 s. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedForwarderExample FIRST_UPSTREAM SECOND_UPSTREAM   (e.g. 1.1.1.1 9.9.9.9)");
            System.exit(2);
        }
        try (EmbeddedForwarderExample service = start(new InetSocketAddress("127.0.0.1", 5353), args[0])
                .block(Duration.ofSeconds(30))) {
            Objects.requireNonNull(service, "service");
            System.out.println("listening on " + service.listenAddresses() + ", upstreams " + service.upstreams()
                    + "; try: dig -p 5353 @127.0.0.1 example.com");
            // The program's main thread has nothing else to do: waiting on it blocks no event loop.
            Mono.delay(Duration.ofSeconds(20)).then(service.switchUpstreams(args[1])).block();
            System.out.println("switched live to upstreams " + service.upstreams());
            Mono.delay(Duration.ofSeconds(20)).block();
        }
    }
}
