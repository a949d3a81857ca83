/**
 * Combinators over several {@link io.hostdns.core.Upstream}s: race, hedge and fallback chains, the
 * per-query deadline with per-attempt timeouts, upstream ordering policies, and
 * {@link io.hostdns.core.upstream.UpstreamGroup}, which puts them together with health tracking.
 */
@NullMarked
package io.hostdns.core.upstream;

import org.jspecify.annotations.NullMarked;
