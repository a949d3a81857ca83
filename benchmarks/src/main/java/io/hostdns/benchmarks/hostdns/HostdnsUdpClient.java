package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * The hostdns miss path: {@link UdpDnsClient} (transport defaults: socket pool, 4 MiB receive buffers,
 * RFC 5452 checks) on its own {@link DnsResources}, behind hostdns' own per-attempt timeout of 2 s
 * ({@link Resolvers#withAttemptTimeout}), as an upstream pipeline uses it, and Netty and dnsjava are run with
 * 2 s too. The client's own query timeout (a 10 s backstop by default since 2026-12) is off unless asked
 * for, so that the figures compare with the runs before it existed.
 *
 * <p>System properties: {@code bench.hostdns.threads} (event loop threads, default 1 like the Netty anchor),
 * {@code bench.hostdns.timeoutMillis} (default 2000; 0 = the bare client without the attempt timeout, to see
 * what it costs), {@code bench.hostdns.queryTimeoutMillis} (the client's own query timeout, default 0 = off;
 * e.g. 10000 measures the client's default).
 */
public final class HostdnsUdpClient implements UncachedClient {

    private final DnsResources resources;
    private final UdpDnsClient client;
    private final Resolver resolver;
    private final Query[] queries = new Query[BenchZone.SIZE];
    private final Duration timeout;

    public HostdnsUdpClient(InetSocketAddress upstream) {
        this.resources = DnsResources.create("bench-hostdns", Integer.getInteger("bench.hostdns.threads", 1));
        UpstreamId id = new UpstreamId(0, Protocol.UDP, upstream.getAddress().getHostAddress() + ":" + upstream.getPort());
        this.client = withBenchQueryTimeout(UdpDnsClient.builder(resources, id, upstream)).build();
        this.timeout = Duration.ofMillis(Long.getLong("bench.hostdns.timeoutMillis", 2_000));
        this.resolver = timeout.isZero() ? client
                : Resolvers.withAttemptTimeout(new Upstream(id, client), timeout).resolver();
        for (int i = 0; i < queries.length; i++) {
            queries[i] = Query.of(BenchZone.name(i), Type.A);
        }
    }

    /** {@code builder} with the query timeout of {@code -Dbench.hostdns.queryTimeoutMillis} (default 0: none). */
    public static UdpDnsClient.Builder withBenchQueryTimeout(UdpDnsClient.Builder builder) {
        long millis = Long.getLong("bench.hostdns.queryTimeoutMillis", 0);
        return millis == 0 ? builder.noQueryTimeout() : builder.queryTimeout(Duration.ofMillis(millis));
    }

    @Override
    public void query(int index, QueryOutcome outcome) {
        resolve(queries[index]).subscribe(new OutcomeSubscriber(outcome));
    }

    /** One query through the UDP client, with the benchmark's timeout. */
    Mono<Answer> resolve(Query query) {
        return resolver.resolve(query);
    }

    @Override
    public void close() {
        // what the client saw over the trial: retransmissions mean lost (or late) datagrams, drops stray ones
        System.out.println("# hostdns client: " + client.stats() + ", retransmit timeout now "
                + client.retransmitTimeout().toMillis() + " ms");
        client.dispose();
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return client + " on " + resources + ", timeout " + timeout.toMillis() + " ms";
    }
}
