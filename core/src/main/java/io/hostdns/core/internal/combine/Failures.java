package io.hostdns.core.internal.combine;

import io.hostdns.core.DnsException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.MalformedResponseException;
import java.util.List;

/**
 * Turns the errors of several failed attempts into the one error a combinator signals: one primary
 * error, the others attached to it as suppressed so that nothing is lost.
 */
final class Failures {

    private Failures() {
    }

    /** The error of the last attempt to fail (fallback chains: it names the last upstream tried). */
    static Throwable last(List<Throwable> errors) {
        return combine(errors.get(errors.size() - 1), errors);
    }

    /**
     * The most informative error: a malformed response (the server is alive but answered badly), then a
     * timeout (the time was spent there), then another network error, then "unreachable" (immediate and
     * local), then any other {@link DnsException}, then anything else; among equals the later one.
     */
    static Throwable mostInformative(List<Throwable> errors) {
        Throwable best = errors.get(0);
        for (Throwable e : errors) {
            if (rank(e) >= rank(best)) {
                best = e;
            }
        }
        return combine(best, errors);
    }

    private static int rank(Throwable e) {
        if (e instanceof MalformedResponseException) {
            return 5;
        }
        if (e instanceof DnsTimeoutException) {
            return 4;
        }
        if (e instanceof DnsUnreachableException) {
            return 2;
        }
        if (e instanceof DnsNetworkException) {
            return 3;
        }
        return e instanceof DnsException ? 1 : 0;
    }

    private static Throwable combine(Throwable primary, List<Throwable> errors) {
        for (Throwable e : errors) {
            // A fake or cached error object may be the same instance for several attempts.
            if (e != primary && !List.of(primary.getSuppressed()).contains(e)) {
                primary.addSuppressed(e);
            }
        }
        return primary;
    }
}
