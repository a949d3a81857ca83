package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Type;

/**
 * hostdns as the forwarder asks one upstream: an {@link UpstreamGroup} of one {@link UdpDnsClient} (one event
 * loop), 2 s per attempt, the client retransmitting {@code retransmissions} times (0: each query sent once, the
 * behaviour before retransmission existed).
 */
public final class HostdnsGroupClient implements UncachedClient {

    /** The per-attempt timeout, the group's and the forwarder's default. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private final DnsResources resources;
    private final UdpDnsClient client;
    private final UpstreamGroup group;
    private final Query[] queries = new Query[BenchZone.SIZE];
    private final String description;

    /** A group over {@code upstream} whose client retransmits up to {@code retransmissions} times. */
    public HostdnsGroupClient(InetSocketAddress upstream, int retransmissions) {
        this.resources = DnsResources.create("bench-hostdns-group", 1);
        UpstreamId id = new UpstreamId(0, Protocol.UDP,
                upstream.getAddress().getHostAddress() + ":" + upstream.getPort());
        UdpDnsClient.Builder builder = HostdnsUdpClient.withBenchQueryTimeout(UdpDnsClient.builder(resources, id, upstream));
        this.client = (retransmissions == 0 ? builder.noRetransmissions()
                : builder.retransmissions(retransmissions, Duration.ofMillis(40))).build();
        this.group = Resolvers.group().upstreams(new Upstream(id, client)).attemptTimeout(ATTEMPT_TIMEOUT).build();
        for (int i = 0; i < queries.length; i++) {
            queries[i] = Query.of(BenchZone.name(i), Type.A);
        }
        this.description = "UpstreamGroup of one UdpDnsClient (" + retransmissions + " retransmissions) over " + id;
    }

    @Override
    public void query(int index, QueryOutcome outcome) {
        group.resolve(queries[index]).subscribe(new OutcomeSubscriber(outcome));
    }

    @Override
    public void close() {
        System.out.println("# hostdns client: " + client.stats() + ", retransmit timeout now "
                + client.retransmitTimeout().toMillis() + " ms");
        group.dispose();
        client.dispose();
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return description;
    }
}
