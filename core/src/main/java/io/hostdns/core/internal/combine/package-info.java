/**
 * Internal: the combinators behind {@link io.hostdns.core.Resolvers} and
 * {@link io.hostdns.core.upstream.UpstreamGroup} (race, hedge, fallback, the per-query deadline and the
 * per-attempt timeout). Public only so that sibling packages can reach it; not API, may change at any time.
 */
@NullMarked
package io.hostdns.core.internal.combine;

import org.jspecify.annotations.NullMarked;
