/**
 * The caching layer: {@link io.hostdns.core.cache.CachingResolver} (a bounded TTL cache with negative
 * caching, serve-stale and prefetch, configured by {@link io.hostdns.core.cache.CacheOptions}) and
 * {@link io.hostdns.core.cache.CoalescingResolver} (identical in-flight questions share one delegate call;
 * put it under the cache).
 */
@NullMarked
package io.hostdns.core.cache;

import org.jspecify.annotations.NullMarked;
