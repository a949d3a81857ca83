/**
 * DNS over TLS (RFC 7858) and the TLS settings hostdns' encrypted transports share:
 * {@link io.hostdns.transport.tls.TlsTrust} (which certificate authorities to trust). DoT is the TCP
 * client with a {@link io.hostdns.transport.tls.DotTlsLayer}, built by {@link io.hostdns.transport.tls.DotClients}.
 */
@NullMarked
package io.hostdns.transport.tls;

import org.jspecify.annotations.NullMarked;
