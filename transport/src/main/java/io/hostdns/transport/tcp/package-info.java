/**
 * DNS over TCP to one upstream (RFC 7766): {@link io.hostdns.transport.tcp.TcpDnsClient}, with pooled,
 * pipelined connections and a {@link io.hostdns.transport.tcp.TcpChannelLayer} hook on which TLS (DoT)
 * is layered.
 */
@NullMarked
package io.hostdns.transport.tcp;

import org.jspecify.annotations.NullMarked;
