/**
 * Internal: the plumbing the transport clients share (pending-query tables with their timers, random query
 * IDs, response checks, error mapping, the DNS-over-TLS channel layer), the address lookup behind the
 * Netty adapter and {@link io.hostdns.transport.HostDns}, and the {@link io.hostdns.transport.internal.CacheFront}
 * through which the forwarder lets its server answer cache hits itself. Public only so that sibling packages can reach it;
 * not API, may change at any time.
 */
@NullMarked
package io.hostdns.transport.internal;

import org.jspecify.annotations.NullMarked;
