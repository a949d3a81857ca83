package io.hostdns.transport;

import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.Upstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The front door keeps the {@link Resolver} contract: its whole stack (cache, coalescer, group with health and
 * attempt timeout, sanitizer) over one scripted upstream, given to it as its only upstream's client.
 */
class HostDnsContractTest extends ResolverContract {

    private final List<HostDns> built = new ArrayList<>();

    @AfterEach
    void close() {
        built.forEach(HostDns::close);
    }

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        HostDns dns = HostDns.builder().upstreams("192.0.2.53").clients((index, spec) -> upstream).build();
        built.add(dns);
        return dns;
    }
}
