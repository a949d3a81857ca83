package io.hostdns.transport.server;

import java.util.concurrent.atomic.LongAdder;

/** The counters of one running server, updated from every event loop; {@link #snapshot()} reads them. */
public final class ServerCounters {

    final LongAdder udpQueries = new LongAdder();
    final LongAdder tcpQueries = new LongAdder();
    final LongAdder formErr = new LongAdder();
    final LongAdder notImp = new LongAdder();
    final LongAdder droppedMalformed = new LongAdder();
    final LongAdder refusedByAcl = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder servfailOnError = new LongAdder();
    final LongAdder tcpConnectionsRejected = new LongAdder();
    final LongAdder rateLimited = new LongAdder();

    ServerCounters() {
    }

    /** The counts now. */
    public Snapshot snapshot() {
        return new Snapshot(udpQueries.sum(), tcpQueries.sum(), formErr.sum(), notImp.sum(), droppedMalformed.sum(),
                refusedByAcl.sum(), truncated.sum(), servfailOnError.sum(), tcpConnectionsRejected.sum(),
                rateLimited.sum());
    }

    /**
     * Counts since the server started.
     *
     * @param udpQueries             requests read over UDP (including the rejected ones)
     * @param tcpQueries             requests read over TCP
     * @param formErr                requests answered FORMERR (or BADVERS, for an unknown EDNS version)
     * @param notImp                 requests answered NOTIMP (opcodes other than QUERY)
     * @param droppedMalformed       packets dropped unanswered (shorter than a DNS header)
     * @param refusedByAcl           UDP requests refused and TCP connections closed because of the ACL
     * @param truncated              UDP replies sent with TC=1 because they did not fit the client's size
     * @param servfailOnError        SERVFAIL replies written because the pipeline failed (timeout, network...)
     * @param tcpConnectionsRejected TCP connections closed because the connection cap was reached
     * @param rateLimited            requests over their client's rate limit (answered TC=1 or REFUSED)
     */
    public record Snapshot(long udpQueries, long tcpQueries, long formErr, long notImp, long droppedMalformed,
                           long refusedByAcl, long truncated, long servfailOnError, long tcpConnectionsRejected,
                           long rateLimited) {
    }
}
