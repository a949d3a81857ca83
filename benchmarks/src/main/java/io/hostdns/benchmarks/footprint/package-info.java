/**
 * Retained heap per cached answer, hostdns side by side with Netty's and dnsjava's caches: not a JMH
 * benchmark (nothing is timed), a program run once per cache in its own JVM.
 */
@NullMarked
package io.hostdns.benchmarks.footprint;

import org.jspecify.annotations.NullMarked;
