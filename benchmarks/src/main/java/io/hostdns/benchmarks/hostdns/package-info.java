/**
 * hostdns set up for the benchmarks: the transport's UDP client on the miss path, and the core cache on
 * the hit path, each behind the same interfaces as the anchors.
 */
@NullMarked
package io.hostdns.benchmarks.hostdns;

import org.jspecify.annotations.NullMarked;
