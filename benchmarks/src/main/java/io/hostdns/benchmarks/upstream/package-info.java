/**
 * The upstreams the benchmarks query: the {@code bench.test.} zone, served by NSD started on a loopback
 * port, or by an in-process responder when NSD is not installed.
 */
@NullMarked
package io.hostdns.benchmarks.upstream;

import org.jspecify.annotations.NullMarked;
