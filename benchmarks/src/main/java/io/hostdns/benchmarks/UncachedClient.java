package io.hostdns.benchmarks;

/**
 * One implementation's miss path: {@link #query(int, QueryOutcome)} sends one A query for host
 * {@code index} of the bench zone to the upstream, without any client-side cache, and returns at once;
 * the outcome is reported asynchronously.
 */
public interface UncachedClient extends AutoCloseable {

    /** Starts an A query for {@code BenchZone.name(index)}; never blocks. */
    void query(int index, QueryOutcome outcome);

    /** Frees the client's threads and sockets. */
    @Override
    void close();
}
