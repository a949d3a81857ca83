package io.hostdns.transport;

import io.hostdns.core.Query;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.WireParseException;

/**
 * The light decode of a response that transports need before trusting it: the header ID, the QR and
 * TC bits, and whether its single question is the one asked (RFC 5452: type, class, and the name
 * compared case-insensitively, so a resolver that echoes 0x20-randomised case is accepted). Only the
 * header and question are read; the rest of the message is left for whoever decodes the answer.
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
        return wire.length < 12 ? -1 : ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
    }

    /** Whether the TC (truncated) bit is set; {@code wire} must hold a header. */
    public static boolean truncated(byte[] wire) {
        return (wire[2] & 0x02) != 0;
    }

    /** Checks that {@code wire} is a response (QR=1, opcode QUERY) with exactly the question of {@code query}. */
    public static Verdict check(byte[] wire, Query query) {
        if (wire.length < 12 || (wire[2] & 0x80) == 0) {
            return Verdict.MALFORMED;
        }
        if ((wire[2] & 0x78) != 0) {
            // a response copies the query's opcode (QUERY); found by fuzzing: an UPDATE "answer" carries
            // empty-RDATA records that dnsjava only accepts in UPDATE messages, unreadable once relayed
            return Verdict.MALFORMED;
        }
        int qdcount = ((wire[4] & 0xFF) << 8) | (wire[5] & 0xFF);
        if (qdcount != 1) {
            return Verdict.WRONG_QUESTION;
        }
        if (wire.length < 12 + 5) {
            // no room for even the root name plus type and class (a header-only datagram; found by fuzzing:
            // DNSInput.jump past the end throws IllegalArgumentException, which used to fail every query
            // pending on the socket)
            return Verdict.MALFORMED;
        }
        try {
            DNSInput in = new DNSInput(wire);
            in.jump(12);
            Name name = new Name(in);
            int type = in.readU16();
            int dclass = in.readU16();
            return query.sameQuestion(name, type, dclass) ? Verdict.MATCH : Verdict.WRONG_QUESTION;
        } catch (WireParseException | IllegalArgumentException e) {
            // undecodable question: not an answer to anything we asked
            return Verdict.MALFORMED;
        }
    }
}
