package io.hostdns.benchmarks;

/**
 * One implementation's cache-hit lookup of a fixed, already cached name, as {@link CacheHitBenchmark}
 * measures it: {@link #lookup()} runs on the benchmark thread and returns the result (so JMH consumes it).
 */
public interface CachedLookup extends AutoCloseable {

    /** Looks the cached name up once; the result proves the lookup happened. */
    Object lookup();

    /** Frees the resolver's threads and sockets. */
    @Override
    void close();
}
