/**
 * Internal: upstream health learned from real queries and background probes (RTT estimates, failure
 * counts, state changes), as an {@link io.hostdns.core.upstream.UpstreamGroup} keeps it. Public only so that
 * sibling packages can reach it; not API, may change at any time. The API view is
 * {@link io.hostdns.core.health.UpstreamStatus}.
 */
@NullMarked
package io.hostdns.core.internal.health;

import org.jspecify.annotations.NullMarked;
