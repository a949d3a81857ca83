/**
 * Names answered locally: {@link io.hostdns.core.hosts.StaticHosts} (configuration entries, hosts-file
 * syntax, the node's own name) served by {@link io.hostdns.core.hosts.HostsResolver}, which answers what it
 * owns authoritatively (TTL 10, NODATA with an SOA for what it owns but lacks) and passes every other query
 * on; {@link io.hostdns.core.hosts.Member} and {@link io.hostdns.core.hosts.NodeIdentity}, the inputs of the
 * forwarder's member and node names.
 */
@NullMarked
package io.hostdns.core.hosts;

import org.jspecify.annotations.NullMarked;
