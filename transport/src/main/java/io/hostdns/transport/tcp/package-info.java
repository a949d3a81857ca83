/**
 * DNS over TCP to one upstream (RFC 7766): {@link io.hostdns.transport.tcp.TcpDnsClient}, with pooled,
 * pipelined connections, and DNS over TLS (RFC 7858) as the same client with
 * {@link io.hostdns.transport.tcp.TcpDnsClient.Builder#tls}.
 */
@NullMarked
package io.hostdns.transport.tcp;

import org.jspecify.annotations.NullMarked;
