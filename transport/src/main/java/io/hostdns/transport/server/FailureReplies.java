package io.hostdns.transport.server;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.ConcurrencyLimitExceededException;
import org.xbill.DNS.ExtendedErrorCodeOption;

/**
 * What a client learns when the pipeline fails: the Extended DNS Error (RFC 8914) that goes with the
 * SERVFAIL. Timeouts and "every upstream is down" are 22 (No Reachable Authority), I/O failures and
 * unreachable upstreams 23 (Network Error), anything else (an overload refusal too) 0 (Other); the extra text says which.
 */
final class FailureReplies {

    private FailureReplies() {
    }

    /** The EDE option for {@code error}. */
    static ExtendedErrorCodeOption edeFor(Throwable error) {
        if (error instanceof AllUpstreamsDownException) {
            return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY, "all upstreams are down");
        }
        if (error instanceof DnsTimeoutException timeout) {
            return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY,
                    "timeout: " + timeout.getMessage());
        }
        if (error instanceof DnsNetworkException network) {
            return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NETWORK_ERROR, String.valueOf(network.getMessage()));
        }
        if (error instanceof MalformedResponseException malformed) {
            return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER,
                    "malformed response: " + malformed.getMessage());
        }
        if (error instanceof ConcurrencyLimitExceededException overload) {
            return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER, String.valueOf(overload.getMessage()));
        }
        return new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER, "internal error");
    }

    /** A short name of the failure for the query log, e.g. {@code timeout}. */
    static String kind(Throwable error) {
        if (error instanceof AllUpstreamsDownException) {
            return "error:all-down";
        }
        if (error instanceof DnsTimeoutException) {
            return "error:timeout";
        }
        if (error instanceof DnsNetworkException) {
            return "error:network";
        }
        if (error instanceof MalformedResponseException) {
            return "error:malformed";
        }
        if (error instanceof ConcurrencyLimitExceededException) {
            return "error:overload";
        }
        return "error:internal";
    }
}
