package io.hostdns.transport.server;

import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireName;
import io.hostdns.core.internal.wire.WireOpt;
import io.hostdns.core.internal.wire.WireQuestion;
import io.hostdns.core.internal.wire.WireRecord;
import java.io.IOException;
import java.util.Arrays;

/**
 * Where things are in an answer's wire bytes: the length of its question section and the start, end and
 * section of each resource record, with the OPT record set apart. Records are walked with the wire
 * package's walker ({@link WireRecord}), never decoded; the reading of the OPT record's EDNS options is
 * this class's own.
 */
final class AnswerLayout {

    /** The option code of an Extended DNS Error (RFC 8914). */
    static final int EDE_OPTION_CODE = 15;

    private final byte[] wire;
    private final int questionCount;
    private final int questionLength;
    private final int[] starts;
    private final int[] ends;
    private final int[] sections;
    private final int recordCount;
    private final int optFixed;
    private final boolean optLast;

    private AnswerLayout(byte[] wire, int questionCount, int questionLength, int[] starts, int[] ends,
                         int[] sections, int recordCount, int optFixed, boolean optLast) {
        this.wire = wire;
        this.questionCount = questionCount;
        this.questionLength = questionLength;
        this.starts = starts;
        this.ends = ends;
        this.sections = sections;
        this.recordCount = recordCount;
        this.optFixed = optFixed;
        this.optLast = optLast;
    }

    /**
     * Walks {@code wire} with the wire package's walker.
     *
     * @throws IOException when a name, record or count runs past the end of the message, a name is
     *                     malformed, or an OPT record is outside the additional section or not alone
     */
    static AnswerLayout of(byte[] wire) throws IOException {
        int limit = wire.length;
        if (limit < WireHeader.LENGTH) {
            throw new IOException("answer shorter than a DNS header: " + limit + " bytes");
        }
        int pos = WireQuestion.sectionEnd(wire, limit);
        if (pos < 0) {
            throw new IOException("malformed question in answer");
        }
        int questionLength = pos - WireHeader.LENGTH;
        int[] counts = {WireHeader.answerCount(wire), WireHeader.authorityCount(wire), WireHeader.additionalCount(wire)};
        int total = counts[0] + counts[1] + counts[2];
        int[] starts = new int[total];
        int[] ends = new int[total];
        int[] sections = new int[total];
        int n = 0;
        int optFixed = -1;
        boolean optLast = true;
        for (int section = 0; section < 3; section++) {
            for (int i = 0; i < counts[section]; i++) {
                int fixed = WireRecord.fixedPart(wire, pos, limit);
                int next = WireRecord.end(wire, fixed, limit);
                if (next < 0) {
                    throw new IOException("malformed record " + i + " in section " + (section + 1) + " of answer");
                }
                if (WireRecord.type(wire, fixed) == WireOpt.TYPE) {
                    if (section != 2 || optFixed >= 0) {
                        throw new IOException("OPT record outside the additional section or not alone (RFC 6891 6.1.1)");
                    }
                    optFixed = fixed;
                    optLast = i == counts[2] - 1;
                } else {
                    starts[n] = pos;
                    ends[n] = next;
                    sections[n] = section;
                    n++;
                }
                pos = next;
            }
        }
        return new AnswerLayout(wire, WireHeader.questionCount(wire), questionLength, starts, ends, sections, n,
                optFixed, optLast);
    }

    /**
     * Whether the answer's question section is exactly {@code question} (one question in wire form:
     * uncompressed name, type, class), the name compared ignoring ASCII case, so the records can follow
     * {@code question} in place of the answer's own without moving their compression targets.
     */
    boolean asks(byte[] question) {
        int nameLength = question.length - 4;
        int answerNameEnd = WireHeader.LENGTH + nameLength;
        return questionCount == 1 && questionLength == question.length
                && WireName.equalsIgnoreCase(wire, WireHeader.LENGTH, question, 0)
                && Arrays.equals(wire, answerNameEnd, answerNameEnd + 4, question, nameLength, question.length);
    }

    int questionCount() {
        return questionCount;
    }

    /** Bytes of the whole question section. */
    int questionLength() {
        return questionLength;
    }

    /** Records other than OPT, in message order. */
    int recordCount() {
        return recordCount;
    }

    int start(int record) {
        return starts[record];
    }

    int end(int record) {
        return ends[record];
    }

    /** 0 answer, 1 authority, 2 additional. */
    int section(int record) {
        return sections[record];
    }

    /**
     * Whether the records can be copied without the OPT record as they are: true unless an OPT record sits
     * before other additional records, whose compression pointers may aim at names the removal would shift.
     */
    boolean copyableWithoutOpt() {
        return optLast;
    }

    /** The upper 8 bits of the extended rcode from the answer's OPT record, 0 without one. */
    int extendedRcode() {
        return optFixed < 0 ? 0 : WireOpt.extendedRcode(wire, optFixed);
    }

    /**
     * The Extended DNS Error options of the answer's OPT record (they describe the answer, so they travel
     * on with it), followed by {@code extra}. Other options (cookies, padding...) are hop-by-hop and dropped.
     */
    byte[] edeOptions(byte[] extra) {
        if (optFixed < 0) {
            return extra;
        }
        int pos = WireRecord.rdata(optFixed);
        int end = pos + WireRecord.rdLength(wire, optFixed);
        byte[] out = new byte[end - pos + extra.length];
        int length = 0;
        while (pos + 4 <= end) {
            int optionLength = 4 + WireHeader.u16(wire, pos + 2);
            if (pos + optionLength > end) {
                break;
            }
            if (WireHeader.u16(wire, pos) == EDE_OPTION_CODE) {
                System.arraycopy(wire, pos, out, length, optionLength);
                length += optionLength;
            }
            pos += optionLength;
        }
        System.arraycopy(extra, 0, out, length, extra.length);
        return Arrays.copyOf(out, length + extra.length);
    }
}
