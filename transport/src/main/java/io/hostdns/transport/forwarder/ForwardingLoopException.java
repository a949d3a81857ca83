package io.hostdns.transport.forwarder;

import io.hostdns.core.UpstreamId;
import java.util.List;

/**
 * An upstream sends our queries back to us: it is one of our own listen addresses, or a loop probe sent to it
 * came back into one of our listeners (CoreDNS' {@code loop} plugin idea). Forwarding through it would
 * bounce every query until its deadline, so the forwarder refuses to start (or to take the new
 * configuration) with it.
 */
public final class ForwardingLoopException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<UpstreamId> upstreams;

    public ForwardingLoopException(List<UpstreamId> upstreams, String message) {
        super(message);
        this.upstreams = List.copyOf(upstreams);
    }

    /** The upstreams that loop. */
    public List<UpstreamId> upstreams() {
        return upstreams;
    }
}
