/**
 * JMH benchmarks of hostdns side by side with the anchors (Netty's {@code DnsNameResolver}, dnsjava and
 * the JDK), each implementation chosen by a {@code @Param impl} so that all of them run in one invocation.
 */
@NullMarked
package io.hostdns.benchmarks;

import org.jspecify.annotations.NullMarked;
