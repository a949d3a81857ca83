/**
 * The host DNS forwarder assembled from the library: {@link io.hostdns.transport.forwarder.HostDnsForwarder}
 * turns a {@link io.hostdns.transport.forwarder.config.HostDnsConfig} into a running caching forwarder (listeners, static
 * hosts, member names, cache, per-domain upstream groups), reconfigures it live, checks for forwarding
 * loops and reports its status. The pipeline is assembled in one place,
 * {@link io.hostdns.transport.forwarder.PipelineAssembly}.
 */
@NullMarked
package io.hostdns.transport.forwarder;

import org.jspecify.annotations.NullMarked;
