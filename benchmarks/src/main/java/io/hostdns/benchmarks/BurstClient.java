package io.hostdns.benchmarks;

/**
 * One implementation with its client-side cache, for {@link CoalescingBenchmark}: {@link #forget(int)} drops
 * a name from the cache so the next lookups miss, {@link #resolve(int, QueryOutcome)} starts one A lookup and
 * returns at once, and {@link #upstreamQueries()} counts the queries actually sent to the upstream.
 */
public interface BurstClient extends AutoCloseable {

    /** Removes host {@code index} from the client's cache. */
    void forget(int index);

    /** Starts an A lookup of host {@code index}; never blocks. */
    void resolve(int index, QueryOutcome outcome);

    /** Queries sent to the upstream so far. */
    long upstreamQueries();

    @Override
    void close();
}
