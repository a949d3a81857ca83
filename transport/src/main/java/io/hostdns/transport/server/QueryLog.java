package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The query log: one structured line per answered query at DEBUG on the SLF4J logger
 * {@code io.hostdns.querylog}, nothing at INFO. Lines are {@code key=value} pairs, e.g.
 * {@code client=127.0.0.1:40000 proto=udp name=example.com. type=A rcode=NOERROR source=cache attempts=0
 * latency_ms=0.084 size=45 tc=false}; nothing is formatted unless DEBUG is on.
 */
final class QueryLog {

    /** The logger name to configure to see (or silence) the query log. */
    static final String LOGGER_NAME = "io.hostdns.querylog";

    private final Logger log;

    QueryLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    /** A query log writing to {@code log} (tests record the lines). */
    QueryLog(Logger log) {
        this.log = log;
    }

    /** Whether lines are written at all; callers skip gathering fields when not. */
    boolean enabled() {
        return log.isDebugEnabled();
    }

    /**
     * Logs one query.
     *
     * @param source where the answer came from, or {@code error:<reason>} for a reply written here
     */
    void log(InetSocketAddress client, Protocol protocol, Query query, ReplyWriter.Reply reply, String source,
             int attempts, long latencyNanos) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("client={} proto={} name={} type={} rcode={} source={} attempts={} latency_ms={} size={} tc={}",
                format(client), protocol.label(), query.name(), Type.string(query.type()), Rcode.string(reply.rcode()),
                source, attempts, String.format(java.util.Locale.ROOT, "%.3f", latencyNanos / 1e6),
                reply.wire().length, reply.truncated());
    }

    /** Logs a request answered without resolving (FORMERR, NOTIMP, REFUSED). */
    void logRejected(InetSocketAddress client, Protocol protocol, ReplyWriter.Reply reply) {
        if (log.isDebugEnabled()) {
            log.debug("client={} proto={} rcode={} source=server size={}", format(client), protocol.label(),
                    Rcode.string(reply.rcode()), reply.wire().length);
        }
    }

    private static String format(InetSocketAddress address) {
        return address.getAddress() == null ? address.toString()
                : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
