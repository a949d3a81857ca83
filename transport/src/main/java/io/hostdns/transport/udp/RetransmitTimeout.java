package io.hostdns.transport.udp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The retransmission timeout of one upstream, from its measured round trips the way TCP does it (RFC 6298):
 * a smoothed RTT (gain 1/8) and the smoothed deviation from it (gain 1/4), RTO = SRTT + 4 x RTTVAR, never
 * below {@code floor}; before the first sample, {@code initial}. Each retransmission of one query doubles its
 * own timeout ({@link #backedOff}), up to {@link #CEILING}.
 *
 * <p>Every sample is exact: each send of a query carries its own message ID, so an answer names the send it
 * answers and its round trip is known even after a retransmission. Karn's rule (no sample from a retransmitted
 * segment), which TCP needs because an ACK does not say which copy it acknowledges, is not needed here; it
 * is applied one level up, where an attempt's time includes the wait for a retransmission.
 *
 * <p>Thread-safe without locks: both estimates live in one {@code long} (microseconds, 32 bits each), updated
 * by one compare-and-set; a sample that loses the race to another is dropped, which an average over
 * thousands of samples does not notice.
 */
final class RetransmitTimeout {

    /** The longest timeout of one send, however often it was doubled. */
    static final Duration CEILING = Duration.ofSeconds(5);

    private static final long NONE = -1L;
    private static final long MAX_MICROS = 0xFFFF_FFFFL;

    private final long floorNanos;
    private final long initialNanos;
    private final AtomicLong estimate = new AtomicLong(NONE);

    /**
     * @param floor   the shortest timeout, however fast the upstream answered so far
     * @param initial the timeout before the first sample
     */
    RetransmitTimeout(Duration floor, Duration initial) {
        this.floorNanos = floor.toNanos();
        this.initialNanos = Math.max(initial.toNanos(), floorNanos);
    }

    /** The timeout of a first send now, in nanoseconds. */
    long nanos() {
        long e = estimate.get();
        if (e == NONE) {
            return initialNanos;
        }
        long rto = (srttMicros(e) + 4 * rttvarMicros(e)) * 1_000;
        return Math.min(Math.max(rto, floorNanos), CEILING.toNanos());
    }

    /** The timeout after a send that waited {@code previous} in vain: twice as long, up to the ceiling. */
    static long backedOff(long previous) {
        return Math.min(2 * previous, CEILING.toNanos());
    }

    /** Learns one round trip: from a send to the answer to that send. */
    void sample(long rttNanos) {
        long r = Math.min(Math.max(rttNanos / 1_000, 1), MAX_MICROS);
        long e = estimate.get();
        long next;
        if (e == NONE) {
            next = pack(r, r / 2);
        } else {
            long srtt = srttMicros(e);
            long rttvar = rttvarMicros(e);
            rttvar = rttvar + (Math.abs(srtt - r) - rttvar) / 4;
            srtt = srtt + (r - srtt) / 8;
            next = pack(srtt, rttvar);
        }
        estimate.compareAndSet(e, next);
    }

    /** The smoothed RTT, or null before the first sample. */
    @Nullable Duration smoothedRtt() {
        long e = estimate.get();
        return e == NONE ? null : Duration.ofNanos(srttMicros(e) * 1_000);
    }

    /** The smoothed deviation of the RTT, or null before the first sample. */
    @Nullable Duration rttDeviation() {
        long e = estimate.get();
        return e == NONE ? null : Duration.ofNanos(rttvarMicros(e) * 1_000);
    }

    private static long pack(long srttMicros, long rttvarMicros) {
        // srtt below its 32-bit maximum, so that no estimate packs into NONE (all bits set)
        return (Math.min(srttMicros, MAX_MICROS - 1) << 32) | Math.min(Math.max(rttvarMicros, 0), MAX_MICROS);
    }

    private static long srttMicros(long packed) {
        return packed >>> 32;
    }

    private static long rttvarMicros(long packed) {
        return packed & MAX_MICROS;
    }
}
