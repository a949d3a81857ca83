package io.hostdns.core.health;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.MalformedResponseException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Rcode;

/** How one attempt to one upstream ended, as health counts it. */
public enum Outcome {
    /** A response other than SERVFAIL or REFUSED (NOERROR, NXDOMAIN... are all fine for health). */
    OK,
    /** No response in time. */
    TIMEOUT,
    /** The upstream cannot be reached from here at all (no route, address family unreachable). */
    UNREACHABLE,
    /** Another I/O failure: refused or reset connection, failed write. */
    NETWORK,
    /** The upstream answered SERVFAIL. */
    SERVFAIL,
    /** The upstream answered REFUSED. */
    REFUSED,
    /** A response arrived but was not a usable answer. */
    MALFORMED;

    /** The outcome of an attempt that produced {@code answer}. */
    public static Outcome of(Answer answer) {
        return switch (answer.rcode()) {
            case Rcode.SERVFAIL -> SERVFAIL;
            case Rcode.REFUSED -> REFUSED;
            default -> OK;
        };
    }

    /** The outcome of an attempt that failed with {@code error}; untyped failures count as NETWORK. */
    public static Outcome of(Throwable error) {
        if (error instanceof DnsTimeoutException || error instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof DnsUnreachableException) {
            return UNREACHABLE;
        }
        if (error instanceof MalformedResponseException) {
            return MALFORMED;
        }
        return NETWORK;
    }
}
