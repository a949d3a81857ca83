/**
 * Netty and Reactor Netty adapter: {@link io.hostdns.transport.netty.HostDnsAddressResolverGroup}, an
 * {@code AddressResolverGroup} that resolves host names through a hostdns {@link io.hostdns.core.Resolver},
 * for {@code HttpClient.create().resolver(group)} and Spring WebClient on Reactor Netty.
 */
@NullMarked
package io.hostdns.transport.netty;

import org.jspecify.annotations.NullMarked;
