/**
 * Micrometer metrics (an optional dependency: only these classes need {@code micrometer-core}).
 * {@link io.hostdns.core.metrics.MeteredResolver} counts resolutions by rcode and source;
 * {@link io.hostdns.core.metrics.UpstreamMetrics} times each upstream and counts its failures by kind;
 * {@link io.hostdns.core.metrics.CacheMetrics} exposes a cache's and a coalescer's counters.
 * Names follow Micrometer conventions ({@code hostdns.queries}, {@code hostdns.cache.hits}); tag values
 * are lower-case.
 */
@NullMarked
package io.hostdns.core.metrics;

import org.jspecify.annotations.NullMarked;
