/**
 * Micrometer metrics (an optional dependency: only this package needs {@code micrometer-core}), bound through
 * the static factories of {@link io.hostdns.core.metrics.HostDnsMetrics}.
 */
@NullMarked
package io.hostdns.core.metrics;

import org.jspecify.annotations.NullMarked;
