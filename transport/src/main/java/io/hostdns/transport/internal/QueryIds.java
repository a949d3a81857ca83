package io.hostdns.transport.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Unpredictable 16-bit DNS message IDs (RFC 5452 §9.2), one source per client so that clients share
 * no state. Backed by a DRBG {@link SecureRandom} seeded when the source is made: afterwards it draws
 * no entropy from the OS, so it never reads {@code /dev/urandom} (blocking I/O) on an event loop.
 *
 * <p>IDs are taken from a block of {@value #BLOCK_BYTES} random bytes drawn at once: one DRBG generate
 * call (a few SHA-256 blocks and ~0.85 KB of the DRBG's temporary arrays) serves
 * {@value #BLOCK_BYTES}/2 IDs instead of one. Every byte is used once, so the IDs are exactly as
 * unpredictable as single draws. Thread-safe: queries take IDs from any thread.
 */
public final class QueryIds {

    /** Random bytes drawn per DRBG call; two per ID. */
    static final int BLOCK_BYTES = 128;

    private final SecureRandom random;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int position = BLOCK_BYTES;

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
    public synchronized int next() {
        if (position == BLOCK_BYTES) {
            random.nextBytes(block);
            position = 0;
        }
        int id = ((block[position] & 0xFF) << 8) | (block[position + 1] & 0xFF);
        position += 2;
        return id;
    }
}
