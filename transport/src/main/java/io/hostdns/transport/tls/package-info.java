/**
 * The TLS settings hostdns' encrypted transports share: {@link io.hostdns.transport.tls.TlsTrust}, which
 * certificate authorities DoT and DoH servers must chain to. DNS over TLS itself is the TCP client with
 * {@link io.hostdns.transport.tcp.TcpDnsClient.Builder#tls}.
 */
@NullMarked
package io.hostdns.transport.tls;

import org.jspecify.annotations.NullMarked;
