/**
 * Internal: the store behind {@link io.hostdns.core.cache.CachingResolver} (entries, counters, clock, background
 * refreshes, admission rules), which a forwarder also keeps across reconfigurations while the resolvers below
 * it change. Public only so that sibling packages can reach it; not API, may change at any time.
 */
@NullMarked
package io.hostdns.core.internal.cache;

import org.jspecify.annotations.NullMarked;
