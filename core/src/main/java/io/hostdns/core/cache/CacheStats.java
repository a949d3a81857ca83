package io.hostdns.core.cache;


/**
 * A snapshot of a cache's counters ({@link CachingResolver#stats()}, or the forwarder's cache) since it was built.
 *
 * @param hits               queries answered from a fresh entry
 * @param misses             queries that found no fresh entry and went to the delegate (including
 *                           those then answered stale)
 * @param staleServed        stale answers served (RFC 8767)
 * @param prefetches         refresh-ahead refreshes started
 * @param evictions          entries removed by the size bound or by expiry (not by invalidation)
 * @param size               entries held now (an estimate; includes expired entries kept for serve-stale)
 * @param refreshFailures    background refreshes (prefetch or stale) that ended in an error
 */
public record CacheStats(long hits, long misses, long staleServed, long prefetches, long evictions,
                         long size, long refreshFailures) {
}
