/**
 * The anchors hostdns is measured against, each set up as in the anchor measurements
 * (shared/research/anchor-numbers.md): Netty's {@code DnsNameResolver} on one epoll event loop, dnsjava's
 * {@code LookupSession} and {@code SimpleResolver}, and the JDK's {@code InetAddress}.
 */
@NullMarked
package io.hostdns.benchmarks.anchors;

import org.jspecify.annotations.NullMarked;
