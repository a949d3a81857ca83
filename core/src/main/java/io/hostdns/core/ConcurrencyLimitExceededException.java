package io.hostdns.core;


/**
 * A query refused without being sent because the cap on concurrent upstream queries was reached. It is an
 * error, not a SERVFAIL {@code Answer}, so that a cache in front serves a stale answer when it has one and
 * never stores the refusal.
 */
public class ConcurrencyLimitExceededException extends DnsException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /** The cap of {@code limit} queries in flight was reached. */
    public ConcurrencyLimitExceededException(int limit) {
        super(null, "too many upstream queries in flight (limit " + limit + ")", null);
        this.limit = limit;
    }

    /** The cap that was reached. */
    public int limit() {
        return limit;
    }
}
