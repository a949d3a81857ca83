package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.benchmarks.UncachedClient;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.upstream.GroupStrategy;
import io.hostdns.core.upstream.UpstreamGroup;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;

/**
 * hostdns over two upstreams in order, the first slow or dead: each upstream is a transport
 * {@link UdpDnsClient} (defaults, one shared event loop) behind a 2 s per-attempt timeout, combined either
 * by the core hedge ({@link Resolvers#hedge(Duration, Upstream...)} with a fixed delay: the second upstream
 * starts when the first has not answered within it, the loser is cancelled) or by an {@link UpstreamGroup}
 * with {@link GroupStrategy#adaptiveHedge()} (delay = the best healthy upstream's tail RTT, clamped to
 * 10 ms..1 s; the group's health tracking and probes on, as configured in production).
 */
public final class HostdnsHedgedClient implements UncachedClient {

    /** The per-attempt timeout of each upstream, as in the miss-path benchmark. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private final DnsResources resources;
    private final UdpDnsClient first;
    private final UdpDnsClient second;
    private final @Nullable UpstreamGroup group;
    private final Resolver resolver;
    private final Query[] queries = new Query[BenchZone.SIZE];
    private final String description;

    private HostdnsHedgedClient(InetSocketAddress slow, InetSocketAddress fast, @Nullable Duration fixedDelay) {
        this.resources = DnsResources.create("bench-hostdns-hedge", 1);
        UpstreamId slowId = id(0, slow);
        UpstreamId fastId = id(1, fast);
        this.first = HostdnsUdpClient.withBenchQueryTimeout(UdpDnsClient.builder(resources, slowId, slow)).build();
        this.second = HostdnsUdpClient.withBenchQueryTimeout(UdpDnsClient.builder(resources, fastId, fast)).build();
        Upstream a = new Upstream(slowId, first);
        Upstream b = new Upstream(fastId, second);
        if (fixedDelay != null) {
            this.group = null;
            this.resolver = Resolvers.hedge(fixedDelay, Resolvers.withAttemptTimeout(a, ATTEMPT_TIMEOUT),
                    Resolvers.withAttemptTimeout(b, ATTEMPT_TIMEOUT));
            this.description = "Resolvers.hedge(" + fixedDelay.toMillis() + " ms) over " + slowId + ", " + fastId;
        } else {
            UpstreamGroup g = Resolvers.group().upstreams(a, b).strategy(GroupStrategy.adaptiveHedge())
                    .attemptTimeout(ATTEMPT_TIMEOUT).build();
            this.group = g;
            this.resolver = g;
            this.description = "UpstreamGroup adaptiveHedge over " + slowId + ", " + fastId;
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = Query.of(BenchZone.name(i), Type.A);
        }
    }

    /** Core hedge with a fixed {@code delay} before the second upstream starts. */
    public static HostdnsHedgedClient fixedHedge(InetSocketAddress slow, InetSocketAddress fast, Duration delay) {
        return new HostdnsHedgedClient(slow, fast, delay);
    }

    /** An {@link UpstreamGroup} with the adaptive hedge and its defaults. */
    public static HostdnsHedgedClient adaptiveGroup(InetSocketAddress slow, InetSocketAddress fast) {
        return new HostdnsHedgedClient(slow, fast, null);
    }

    private static UpstreamId id(int index, InetSocketAddress address) {
        return new UpstreamId(index, Protocol.UDP, address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void query(int index, QueryOutcome outcome) {
        resolver.resolve(queries[index]).subscribe(new OutcomeSubscriber(outcome));
    }

    @Override
    public void close() {
        if (group != null) {
            group.dispose();
        }
        first.dispose();
        second.dispose();
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return description;
    }
}
