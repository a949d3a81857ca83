package io.hostdns.transport.forwarder;

import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.Upstream;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;

/**
 * The forwarder's pipeline keeps the {@link io.hostdns.core.Resolver} contract: every stage (loop probes,
 * hosts, cache, coalescing, cap, routes, and per upstream health, timeout and sanitizer) over one scripted
 * upstream, given to the forwarder as its only upstream's client.
 */
class ForwarderContractTest extends ResolverContract {

    private final List<HostDnsForwarder> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(forwarder -> forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10)));
    }

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        HostDnsConfig config = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("192.0.2.53").build();
        HostDnsForwarder forwarder = Objects.requireNonNull(HostDnsForwarder.builder(config)
                .upstreamClients((index, spec) -> upstream)
                .loopCheck(null)
                .start().block(Duration.ofSeconds(10)));
        started.add(forwarder);
        return forwarder.pipeline();
    }
}
