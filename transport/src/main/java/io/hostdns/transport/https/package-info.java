/**
 * DNS over HTTPS (RFC 8484): {@link io.hostdns.transport.https.DohResolver}, a {@code Resolver} for one
 * DoH upstream on Reactor Netty's HTTP/2 client.
 */
@NullMarked
package io.hostdns.transport.https;

import org.jspecify.annotations.NullMarked;
