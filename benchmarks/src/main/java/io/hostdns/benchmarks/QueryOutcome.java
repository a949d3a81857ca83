package io.hostdns.benchmarks;

/**
 * Where an {@link UncachedClient} reports how each query ended. Called exactly once per query, from
 * whatever thread completed it.
 */
public interface QueryOutcome {

    /** The query got the expected positive answer. */
    void answered();

    /** The query failed (timeout, I/O error, error rcode or a wrong answer). */
    void failed(Throwable cause);
}
