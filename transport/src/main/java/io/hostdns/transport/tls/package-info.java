/**
 * DNS over TLS (RFC 7858) and the TLS settings hostdns' encrypted transports share:
 * {@link io.hostdns.transport.tls.TlsTrust} (which certificate authorities to trust).
 */
@NullMarked
package io.hostdns.transport.tls;

import org.jspecify.annotations.NullMarked;
