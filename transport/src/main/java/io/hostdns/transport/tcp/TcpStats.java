package io.hostdns.transport.tcp;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one {@link TcpDnsClient}: connections opened and responses dropped, by reason. */
public final class TcpStats {

    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder droppedUnknownId = new LongAdder();
    final LongAdder droppedWrongQuestion = new LongAdder();
    final LongAdder droppedMalformed = new LongAdder();

    TcpStats() {
    }

    /** Connections this client opened (successfully or not). */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Queries written to a connection. */
    public long sent() {
        return sent.sum();
    }

    /** Responses that completed a pending query. */
    public long accepted() {
        return accepted.sum();
    }

    /** Responses whose ID matches no query in flight on that connection. */
    public long droppedUnknownId() {
        return droppedUnknownId.sum();
    }

    /** Responses with a pending ID but another question. */
    public long droppedWrongQuestion() {
        return droppedWrongQuestion.sum();
    }

    /** Frames that are not a DNS response. */
    public long droppedMalformed() {
        return droppedMalformed.sum();
    }

    @Override
    public String toString() {
        return "TcpStats[connections=" + connectionsOpened() + ", sent=" + sent() + ", accepted=" + accepted()
                + ", unknownId=" + droppedUnknownId() + ", wrongQuestion=" + droppedWrongQuestion()
                + ", malformed=" + droppedMalformed() + "]";
    }
}
