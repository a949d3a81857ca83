package io.hostdns.core;

import java.util.List;

/**
 * Every upstream of a group is known to be down, so none was asked: the fail-fast outcome that lets a
 * forwarder answer SERVFAIL in milliseconds instead of waiting out every timeout.
 */
public class AllUpstreamsDownException extends DnsException {

    private static final long serialVersionUID = 1L;

    private final transient List<UpstreamId> upstreams;

    public AllUpstreamsDownException(List<UpstreamId> upstreams) {
        super(null, "all upstreams are down: " + upstreams, null);
        this.upstreams = List.copyOf(upstreams);
    }

    /** The upstreams that were down. */
    public List<UpstreamId> upstreams() {
        return upstreams;
    }
}
