package io.hostdns.core.cache;

import java.time.Duration;

/**
 * Serve-stale (RFC 8767): answering from an expired entry when the delegate fails or is slow.
 *
 * <p>When enabled, expired entries stay in the cache for {@code maxStaleAge} beyond their expiry.
 * A query that finds only such an entry asks the delegate in the background; if the delegate fails
 * (an error, or SERVFAIL) or has not answered within {@code answerTimeout}, the caller gets the stale
 * answer with every TTL set to {@code answerTtl} and an Extended DNS Error (RFC 8914) 3 "Stale
 * Answer" (19 "Stale NXDOMAIN Answer" for NXDOMAIN). The background query keeps running and refreshes
 * the entry when it answers. After a failed refresh, the delegate is not asked again for that entry
 * for {@code failureRecheck}; stale answers are served at once meanwhile.
 *
 * @param enabled        whether stale answers are served at all
 * @param maxStaleAge    how long past expiry an entry may be served (RFC 8767 suggests 1 to 3 days)
 * @param answerTimeout  how long to wait for the delegate before answering stale; zero answers stale
 *                       at once and refreshes in the background (RFC 8767 suggests 1.8 s)
 * @param answerTtl      TTL written into stale answers (RFC 8767: 30 s)
 * @param failureRecheck how long after a failed refresh to answer stale without asking (RFC 8767: 30 s)
 */
public record ServeStalePolicy(boolean enabled, Duration maxStaleAge, Duration answerTimeout,
                               Duration answerTtl, Duration failureRecheck) {

    /** Enabled: 1 day, 1.8 s, TTL 30 s, recheck 30 s. */
    public static final ServeStalePolicy DEFAULTS = new ServeStalePolicy(true, Duration.ofDays(1),
            Duration.ofMillis(1800), Duration.ofSeconds(30), Duration.ofSeconds(30));

    /** Serve-stale off: expired entries leave the cache at expiry. */
    public static final ServeStalePolicy DISABLED = DEFAULTS.withEnabled(false);

    public ServeStalePolicy {
        CacheOptions.requireNonNegative("maxStaleAge", maxStaleAge);
        CacheOptions.requireNonNegative("staleAnswerTimeout", answerTimeout);
        CacheOptions.requireNonNegative("staleAnswerTtl", answerTtl);
        CacheOptions.requireNonNegative("staleFailureRecheck", failureRecheck);
        if (answerTtl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("staleAnswerTtl must fit a DNS TTL, was " + answerTtl);
        }
    }

    /** A copy switched on or off. */
    public ServeStalePolicy withEnabled(boolean on) {
        return new ServeStalePolicy(on, maxStaleAge, answerTimeout, answerTtl, failureRecheck);
    }

    /** A copy with another maximum stale age. */
    public ServeStalePolicy withMaxStaleAge(Duration age) {
        return new ServeStalePolicy(enabled, age, answerTimeout, answerTtl, failureRecheck);
    }

    /** A copy with another stale answer timeout (zero: answer stale at once). */
    public ServeStalePolicy withAnswerTimeout(Duration timeout) {
        return new ServeStalePolicy(enabled, maxStaleAge, timeout, answerTtl, failureRecheck);
    }

    /** A copy with another TTL for stale answers. */
    public ServeStalePolicy withAnswerTtl(Duration ttl) {
        return new ServeStalePolicy(enabled, maxStaleAge, answerTimeout, ttl, failureRecheck);
    }

    /** A copy with another failure recheck interval. */
    public ServeStalePolicy withFailureRecheck(Duration recheck) {
        return new ServeStalePolicy(enabled, maxStaleAge, answerTimeout, answerTtl, recheck);
    }
}
