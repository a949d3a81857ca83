package io.hostdns.transport.internal;

import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireName;
import io.hostdns.core.internal.wire.WireQuestion;

/**
 * The light decode of a response that transports need before trusting it: the header ID, the QR and
 * TC bits, and whether its single question is the one asked (RFC 5452: type, class, and the name
 * compared case-insensitively, so a resolver that echoes 0x20-randomised case is accepted). Only the
 * header and question are read, with the wire package's walker (no dnsjava parse); the rest of the
 * message is left for whoever decodes the answer.
 */
public final class ResponseCheck {

    /** The outcome of checking a response against the query it claims to answer. */
    public enum Verdict {
        /** It answers the query. */
        MATCH,
        /** The bytes are not a DNS response header plus one question. */
        MALFORMED,
        /** A response, but to another question. */
        WRONG_QUESTION
    }

    private ResponseCheck() {
    }

    /** The message ID of {@code wire}, or -1 when it is shorter than a header. */
    public static int id(byte[] wire) {
        return WireHeader.isPresent(wire) ? WireHeader.id(wire) : -1;
    }

    /** Whether the TC (truncated) bit is set; {@code wire} must hold a header. */
    public static boolean truncated(byte[] wire) {
        return WireHeader.isTruncated(wire);
    }

    /** Checks that {@code wire} is a response (QR=1, opcode QUERY) with exactly the question of {@code query}. */
    public static Verdict check(byte[] wire, Query query) {
        if (!WireHeader.isPresent(wire) || !WireHeader.isResponse(wire)) {
            return Verdict.MALFORMED;
        }
        if (WireHeader.opcode(wire) != 0) {
            // a response copies the query's opcode (QUERY); found by fuzzing: an UPDATE "answer" carries
            // empty-RDATA records that dnsjava only accepts in UPDATE messages, unreadable once relayed
            return Verdict.MALFORMED;
        }
        if (WireHeader.questionCount(wire) != 1) {
            return Verdict.WRONG_QUESTION;
        }
        int nameEnd = WireQuestion.firstNameEnd(wire, wire.length);
        if (nameEnd < 0) {
            // undecodable question (a header-only datagram included): not an answer to anything we asked
            return Verdict.MALFORMED;
        }
        if (WireQuestion.type(wire, nameEnd) != query.type() || WireQuestion.dclass(wire, nameEnd) != query.dclass()
                // a first question's name is uncompressed, so its length in the message is its length
                || nameEnd - WireHeader.LENGTH != query.name().length()) {
            return Verdict.WRONG_QUESTION;
        }
        return WireName.equalsIgnoreCase(wire, WireHeader.LENGTH, query.name().toWire(), 0)
                ? Verdict.MATCH : Verdict.WRONG_QUESTION;
    }
}
