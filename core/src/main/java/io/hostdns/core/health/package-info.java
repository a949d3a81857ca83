/**
 * Upstream health learned from real queries and background probes: RTT estimates, failure counts,
 * HEALTHY / DEGRADED / DOWN states, status snapshots and a stream of status changes.
 */
@NullMarked
package io.hostdns.core.health;

import org.jspecify.annotations.NullMarked;
