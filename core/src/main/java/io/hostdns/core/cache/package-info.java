/**
 * The caching layer: {@link io.hostdns.core.cache.CachingResolver} (a bounded TTL cache with negative
 * caching, serve-stale and prefetch), the {@link io.hostdns.core.cache.CacheStore} behind it (entries,
 * counters and refreshes that can outlive the resolver below them) and
 * {@link io.hostdns.core.cache.CoalescingResolver} (identical in-flight questions share one delegate call;
 * put it under the cache).
 */
@NullMarked
package io.hostdns.core.cache;

import org.jspecify.annotations.NullMarked;
