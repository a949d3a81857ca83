/**
 * The caching layer: {@link io.hostdns.core.cache.CachingResolver} (a bounded TTL cache with negative
 * caching, serve-stale and prefetch) and {@link io.hostdns.core.cache.CoalescingResolver} (identical
 * in-flight questions share one delegate call).
 */
@NullMarked
package io.hostdns.core.cache;

import org.jspecify.annotations.NullMarked;
