package io.hostdns.transport.udp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link UdpDnsClient}, for metrics and for tests that check a spoofed or stray
 * datagram was dropped rather than accepted. Every datagram received is either accepted or counted
 * in exactly one of the {@code dropped*} counters.
 */
public final class UdpStats {

    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder droppedWrongSource = new LongAdder();
    final LongAdder droppedUnknownId = new LongAdder();
    final LongAdder droppedWrongQuestion = new LongAdder();
    final LongAdder droppedMalformed = new LongAdder();
    final LongAdder truncatedRetries = new LongAdder();
    final LongAdder socketsRotated = new LongAdder();

    UdpStats() {
    }

    /** Queries written to a socket. */
    public long sent() {
        return sent.sum();
    }

    /** Responses that matched a pending query and completed it. */
    public long accepted() {
        return accepted.sum();
    }

    /** Datagrams from an address or port other than the upstream's. */
    public long droppedWrongSource() {
        return droppedWrongSource.sum();
    }

    /** Datagrams whose ID matches no pending query on that socket (late, cancelled or forged). */
    public long droppedUnknownId() {
        return droppedUnknownId.sum();
    }

    /** Responses with a pending ID but another question (type, class or name). */
    public long droppedWrongQuestion() {
        return droppedWrongQuestion.sum();
    }

    /** Datagrams that are not a DNS response (too short, QR=0, undecodable question). */
    public long droppedMalformed() {
        return droppedMalformed.sum();
    }

    /** Every datagram that was dropped, whatever the reason. */
    public long dropped() {
        return droppedWrongSource() + droppedUnknownId() + droppedWrongQuestion() + droppedMalformed();
    }

    /** Truncated (TC=1) answers retried over TCP. */
    public long truncatedRetries() {
        return truncatedRetries.sum();
    }

    /** Sockets replaced by a fresh one on a new port after their query quota. */
    public long socketsRotated() {
        return socketsRotated.sum();
    }

    @Override
    public String toString() {
        return "UdpStats[sent=" + sent() + ", accepted=" + accepted() + ", wrongSource=" + droppedWrongSource()
                + ", unknownId=" + droppedUnknownId() + ", wrongQuestion=" + droppedWrongQuestion()
                + ", malformed=" + droppedMalformed() + ", tcRetries=" + truncatedRetries() + ", rotated=" + socketsRotated() + "]";
    }
}
