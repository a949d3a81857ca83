package io.hostdns.transport.internal;

import io.hostdns.core.Resolver;
import io.hostdns.core.internal.cache.CacheStore;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Resolver} whose cache hits a DNS server may answer itself, straight from the request's bytes,
 * without resolving: the store it would answer them from now. Only a resolver for which that gives the same
 * answer as resolving may implement it: one whose stages before the cache never answer a name the cache
 * holds (the forwarder's front, by its stage list's invariant). A server given any other resolver resolves
 * every query.
 */
public interface CacheFront extends Resolver {

    /** The store this resolver answers hits from at this moment; null when it has none (caching off). */
    @Nullable CacheStore hitStore();
}
