package io.hostdns.core;

import io.hostdns.core.internal.wire.WireHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A complete DNS response to a {@link Query}, whatever its rcode, with where it came from and what
 * it cost.
 *
 * <p>The response is held as wire bytes (what a forwarder sends on) and decoded into a dnsjava
 * {@link Message} only when someone asks. An {@code Answer} is immutable: the bytes are copied in,
 * {@link #wire()} is read-only and {@link #message()} returns a fresh copy each time.
 */
public final class Answer {

    /** {@link #minTtl()} of a response that carries no TTL at all (e.g. NXDOMAIN without SOA). */
    public static final long NO_TTL = -1;

    private final byte[] wire;
    private final int rcode;
    private final AnswerSource source;
    private final int attempts;
    private final Duration elapsed;
    private volatile @Nullable Message decoded;

    private Answer(byte[] wire, @Nullable Message decoded, AnswerSource source, int attempts, Duration elapsed) {
        if (!WireHeader.isPresent(wire)) {
            throw new IllegalArgumentException("a DNS response is at least 12 bytes, got " + wire.length);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
        }
        this.wire = wire;
        this.decoded = decoded;
        this.rcode = WireHeader.rcode(wire);
        this.source = Objects.requireNonNull(source, "source");
        this.attempts = attempts;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * An answer from response bytes; the array is copied, so the caller may reuse it.
     * The message is decoded lazily; a malformed one fails when first decoded.
     */
    public static Answer of(byte[] wire, AnswerSource source) {
        return new Answer(wire.clone(), null, source, source.kind() == AnswerSource.Kind.UPSTREAM ? 1 : 0,
                Duration.ZERO);
    }

    /** An answer from a response message, encoded now; the message is not kept nor changed. */
    public static Answer of(Message response, AnswerSource source) {
        byte[] bytes = response.toWire();
        return new Answer(bytes, null, source, source.kind() == AnswerSource.Kind.UPSTREAM ? 1 : 0,
                Duration.ZERO);
    }

    /**
     * The 4-bit RCODE of the header: {@link Rcode#NOERROR}, {@link Rcode#NXDOMAIN}, {@link Rcode#SERVFAIL}...
     * (extended RCODE bits carried in an OPT record are not included).
     */
    public int rcode() {
        return rcode;
    }

    /** The DNS message ID of the response bytes. */
    public int id() {
        return WireHeader.id(wire);
    }

    /** Whether the TC (truncated) bit is set. */
    public boolean truncated() {
        return WireHeader.isTruncated(wire);
    }

    /** The response bytes, read-only. */
    public ByteBuffer wire() {
        return ByteBuffer.wrap(wire).asReadOnlyBuffer();
    }

    /** A copy of the response bytes. */
    public byte[] wireBytes() {
        return wire.clone();
    }

    /** The length of the response in bytes. */
    public int wireLength() {
        return wire.length;
    }

    /**
     * The decoded response, a fresh copy the caller may change.
     *
     * @throws MalformedResponseException when the bytes are not a valid DNS message
     */
    public Message message() {
        return decoded().clone();
    }

    private Message decoded() {
        Message m = decoded;
        if (m == null) {
            try {
                m = new Message(wire);
            } catch (IOException e) {
                throw new MalformedResponseException(source.upstream(), "cannot decode response: " + e.getMessage(), e);
            }
            decoded = m;
        }
        return m;
    }

    /**
     * The TTL this response may be cached for, in seconds: the smallest TTL of the answer and
     * authority records when there is an answer; for a negative answer (no answer records), the
     * smaller of the SOA's TTL and its MINIMUM field (RFC 2308); {@link #NO_TTL} when neither exists.
     */
    public long minTtl() {
        Message m = decoded();
        Record[] answers = m.getSectionArray(Section.ANSWER);
        if (answers.length == 0) {
            for (Record r : m.getSectionArray(Section.AUTHORITY)) {
                if (r instanceof SOARecord soa) {
                    return Math.min(soa.getTTL(), soa.getMinimum());
                }
            }
            return NO_TTL;
        }
        long min = Long.MAX_VALUE;
        for (Record r : answers) {
            min = Math.min(min, r.getTTL());
        }
        for (Record r : m.getSectionArray(Section.AUTHORITY)) {
            if (r.getType() != Type.OPT) {
                min = Math.min(min, r.getTTL());
            }
        }
        return min;
    }

    /** Where this answer came from. */
    public AnswerSource source() {
        return source;
    }

    /** How many upstream attempts were started to produce it (0 for local and cached answers). */
    public int attempts() {
        return attempts;
    }

    /** Time from the start of the resolution that produced it to the answer. */
    public Duration elapsed() {
        return elapsed;
    }

    /** A copy with another source (same bytes). */
    public Answer withSource(AnswerSource newSource) {
        return new Answer(wire, decoded, newSource, attempts, elapsed);
    }

    /** A copy with another attempt count. */
    public Answer withAttempts(int newAttempts) {
        return new Answer(wire, decoded, source, newAttempts, elapsed);
    }

    /** A copy with another elapsed time. */
    public Answer withElapsed(Duration newElapsed) {
        return new Answer(wire, decoded, source, attempts, newElapsed);
    }

    /** A copy whose response bytes carry message ID {@code id}. */
    public Answer withId(int id) {
        byte[] copy = wire.clone();
        copy[0] = (byte) (id >>> 8);
        copy[1] = (byte) id;
        return new Answer(copy, null, source, attempts, elapsed);
    }

    @Override
    public String toString() {
        return "Answer[" + Rcode.string(rcode) + ", " + wire.length + " bytes, from " + source
                + ", attempts=" + attempts + ", elapsed=" + elapsed.toMillis() + "ms]";
    }
}
