/**
 * What a group tells about its upstreams' health: {@link io.hostdns.core.health.UpstreamStatus} snapshots
 * (HEALTHY / DEGRADED / DOWN, RTT estimates, failure counts by kind) and the settings that decide the states
 * and the probing of DOWN upstreams.
 */
@NullMarked
package io.hostdns.core.health;

import org.jspecify.annotations.NullMarked;
