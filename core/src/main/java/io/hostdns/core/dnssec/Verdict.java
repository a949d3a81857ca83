package io.hostdns.core.dnssec;

import org.xbill.DNS.ExtendedErrorCodeOption;

/**
 * The outcome of validating a response or one of its parts (RFC 4035 section 4.3).
 *
 * @param status what was established
 * @param ede    the extended DNS error (RFC 8914) INFO-CODE that says why, for {@link Status#BOGUS} and
 *               {@link Status#INDETERMINATE}; -1 otherwise
 * @param reason what was found, in words (the EDE text of a SERVFAIL)
 */
record Verdict(Status status, int ede, String reason) {

    /** The states of RFC 4035 section 4.3, in increasing order of precedence when parts are combined. */
    enum Status { SECURE, INSECURE, INDETERMINATE, BOGUS }

    static final Verdict SECURE = new Verdict(Status.SECURE, -1, "secure");

    static Verdict insecure(String reason) {
        return new Verdict(Status.INSECURE, -1, reason);
    }

    static Verdict bogus(int ede, String reason) {
        return new Verdict(Status.BOGUS, ede, reason);
    }

    static Verdict indeterminate(String reason) {
        return new Verdict(Status.INDETERMINATE, ExtendedErrorCodeOption.DNSSEC_INDETERMINATE, reason);
    }

    boolean isSecure() {
        return status == Status.SECURE;
    }

    /**
     * The verdict of a response made of this part and {@code other}: bogus if either is, else
     * indeterminate if either is, else insecure if either is, else secure; the first reason of the worst.
     */
    Verdict and(Verdict other) {
        return other.status.compareTo(status) > 0 ? other : this;
    }
}
