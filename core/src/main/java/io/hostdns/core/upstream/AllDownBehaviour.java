package io.hostdns.core.upstream;

/** What an {@link UpstreamGroup} does with a query when every one of its upstreams is DOWN. */
public enum AllDownBehaviour {
    /**
     * Fail at once with {@link io.hostdns.core.AllUpstreamsDownException}, asking no upstream, so that
     * a forwarder answers SERVFAIL in microseconds instead of waiting out every timeout.
     */
    FAIL_FAST,
    /** Ask them anyway, as if they were healthy (a success brings the upstream back). */
    TRY_ANYWAY
}
