package io.hostdns.transport.forwarder;

import io.hostdns.core.Upstream;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.UpstreamSpec;

/**
 * How a forwarder makes the client of each configured upstream: by default an {@link UpstreamFactory} on the
 * forwarder's event loops and TLS trust ({@code factory::create}). The forwarder puts its own stack on top
 * (health, attempt timeout, sanitizer) and disposes a client that is a {@link reactor.core.Disposable} when
 * its configuration is retired. Called off event loops (making a TLS client reads files).
 */
@FunctionalInterface
public interface UpstreamClients {

    /**
     * The client of {@code spec}, the upstream at {@code index} of its list (the index its {@code UpstreamId}
     * carries).
     */
    Upstream create(int index, UpstreamSpec spec);
}
