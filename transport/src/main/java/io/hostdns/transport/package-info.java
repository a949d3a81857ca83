/**
 * Upstream transports for hostdns on Netty event loops: {@link io.hostdns.transport.DnsResources} (the
 * event loops and channels every client runs on), upstream specs ({@link io.hostdns.transport.UpstreamSpec})
 * and the factory that turns them into {@link io.hostdns.core.Upstream}s.
 */
@NullMarked
package io.hostdns.transport;

import org.jspecify.annotations.NullMarked;
