/**
 * The host DNS forwarder assembled from the library: {@link io.hostdns.transport.forwarder.HostDnsForwarder}
 * turns a {@link io.hostdns.transport.forwarder.config.HostDnsConfig} into a running caching forwarder
 * (listeners, static hosts, member names, cache, per-domain upstream groups), reconfigures it live, checks for
 * forwarding loops, writes resolv.conf and reports its status. Its pipeline is one ordered list of named
 * stages, defined in one place ({@code StageList}) and folded into the chain the listeners ask, and folded
 * again, each stage traced, for queries that carry a trace. The configuration model and its YAML loader are
 * in {@code forwarder.config}.
 */
@NullMarked
package io.hostdns.transport.forwarder;

import org.jspecify.annotations.NullMarked;
