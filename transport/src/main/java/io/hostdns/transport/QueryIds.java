package io.hostdns.transport;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Unpredictable 16-bit DNS message IDs (RFC 5452 §9.2), one source per client so that clients share
 * no state. Backed by a DRBG {@link SecureRandom} seeded when the source is made: afterwards it draws
 * no entropy from the OS, so it never reads {@code /dev/urandom} (blocking I/O) on an event loop.
 */
public final class QueryIds {

    private final SecureRandom random;

    private QueryIds(SecureRandom random) {
        this.random = random;
    }

    /** A new source, seeded now (call it where blocking for entropy is acceptable, e.g. a builder's build()). */
    public static QueryIds create() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG SecureRandom", e);
        }
        random.nextInt(); // seed now, off the event loops
        return new QueryIds(random);
    }

    /** The next ID, 0..65535. */
    public int next() {
        return random.nextInt() & 0xFFFF;
    }
}
