package io.hostdns.transport.server;

import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.core.internal.wire.WireOpt;
import java.io.IOException;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Builds the reply a client gets from an answer's wire bytes, without decoding its records.
 *
 * <p>The reply carries the client's ID, its RD bit, RA (recursion is available here) and its exact question bytes (so the case it asked in
 * is preserved); the records follow the answer's question unchanged when that question is the client's
 * but for case (compression pointers stay valid: same length, same name). An answer to another
 * question, or to none, is re-encoded with the client's question first. EDNS is hop-by-hop: the answer's OPT record is dropped and
 * a fresh one is written only when the client sent one (our payload size, the client's DO bit, the
 * answer's extended rcode, and any Extended DNS Error options). When the reply would exceed
 * {@code limit} bytes, whole records are dropped from the end; TC is set when a record of the answer or
 * authority section had to go (dropping only additional records needs no TC, RFC 2181 section 9).
 */
final class ReplyWriter {

    /** The UDP payload size this server advertises in its replies' OPT record (DNS Flag Day 2020). */
    static final int ADVERTISED_UDP_PAYLOAD = 1232;
    /** The largest message TCP framing can carry. */
    static final int TCP_LIMIT = 65535;

    private static final int HEADER = WireHeader.LENGTH;
    private static final int FLAG_QR = WireHeader.FLAG_QR;
    private static final int FLAG_TC = WireHeader.FLAG_TC;
    private static final int FLAG_RD = WireHeader.FLAG_RD;
    private static final int FLAG_RA = WireHeader.FLAG_RA;
    private static final int OPT_FIXED = WireOpt.LENGTH_WITHOUT_OPTIONS;

    /** A reply ready to send, with what the query log and counters need to know about it. */
    record Reply(byte[] wire, int rcode, boolean truncated) {
    }

    private ReplyWriter() {
    }

    /**
     * The reply to {@code request} carrying {@code answer}, at most {@code limit} bytes long, with the answer's
     * AA bit.
     *
     * @param extraOptions EDNS options (wire form, code and length included) to add to the OPT record
     * @throws IOException when the answer bytes are not a well-formed DNS message
     */
    static Reply fromAnswer(DnsRequest request, byte[] answer, int limit, byte[] extraOptions) throws IOException {
        return fromAnswer(request, answer, limit, extraOptions, true);
    }

    /**
     * The reply to {@code request} carrying {@code answer}, at most {@code limit} bytes long.
     *
     * @param extraOptions  EDNS options (wire form, code and length included) to add to the OPT record
     * @param authoritative whether the answer's AA bit is kept (answers from local data); false clears it
     * @throws IOException when the answer bytes are not a well-formed DNS message
     */
    static Reply fromAnswer(DnsRequest request, byte[] answer, int limit, byte[] extraOptions, boolean authoritative)
            throws IOException {
        byte[] question = question(request);
        AnswerLayout layout = AnswerLayout.of(answer);
        if (!layout.asks(question)) {
            // A cold path: the answer's question is missing or not the client's; rewrite it with dnsjava
            // so that compression pointers follow the new layout (copying the client's question over
            // another name of the same length would change the names that point into it).
            answer = withClientQuestion(request, answer);
            layout = AnswerLayout.of(answer);
        }
        if (!layout.copyableWithoutOpt()) {
            answer = withOptLast(answer);
            layout = AnswerLayout.of(answer);
        }
        byte[] options = layout.edeOptions(extraOptions);
        int optLength = request.edns() ? OPT_FIXED + options.length : 0;
        int budget = limit - HEADER - question.length - optLength;
        int[] kept = new int[3];
        int used = 0;
        boolean truncated = WireHeader.isTruncated(answer);
        int keptRecords = 0;
        for (int i = 0; i < layout.recordCount(); i++) {
            int length = layout.end(i) - layout.start(i);
            if (used + length > budget) {
                truncated |= layout.section(i) < 2;
                break;
            }
            used += length;
            kept[layout.section(i)]++;
            keptRecords++;
        }
        byte[] out = new byte[HEADER + question.length + used + optLength];
        // RA: this server resolves recursively for its clients whatever the upstream said (an
        // authoritative upstream answers without RA, and stub clients warn on its absence).
        int cleared = FLAG_TC | FLAG_RD | WireHeader.OPCODE_MASK | (authoritative ? 0 : WireHeader.FLAG_AA);
        int flags = (WireHeader.flags(answer) & ~cleared) | FLAG_QR | FLAG_RA
                | (request.recursionDesired() ? FLAG_RD : 0) | (truncated ? FLAG_TC : 0);
        WireHeader.write(out, request.id(), flags, 1, kept[0], kept[1], kept[2] + (request.edns() ? 1 : 0));
        System.arraycopy(question, 0, out, HEADER, question.length);
        int pos = HEADER + question.length;
        for (int i = 0; i < keptRecords; i++) {
            int length = layout.end(i) - layout.start(i);
            System.arraycopy(answer, layout.start(i), out, pos, length);
            pos += length;
        }
        if (request.edns()) {
            writeOpt(out, pos, layout.extendedRcode(), request.dnssecOk(), options);
        }
        return new Reply(out, flags & 0x0F, truncated);
    }

    /**
     * A reply made here, with {@code rcode}, the client's question when it had a readable one, and an OPT
     * record holding {@code options} when the client sent one. An extended rcode (above 15, e.g. BADVERS)
     * puts its upper bits in the OPT record.
     */
    static Reply error(DnsRequest request, int rcode, byte[] options) {
        byte[] question = request.question();
        int qLength = question == null ? 0 : question.length;
        int optLength = request.edns() ? OPT_FIXED + options.length : 0;
        byte[] out = new byte[HEADER + qLength + optLength];
        int flags = FLAG_QR | (request.opcode() << 11) | (request.flags() & FLAG_RD) | FLAG_RA | (rcode & 0x0F);
        WireHeader.write(out, request.id(), flags, question == null ? 0 : 1, 0, 0, request.edns() ? 1 : 0);
        if (question != null) {
            System.arraycopy(question, 0, out, HEADER, qLength);
        }
        if (request.edns()) {
            writeOpt(out, HEADER + qLength, rcode >>> 4, request.dnssecOk(), options);
        }
        return new Reply(out, rcode, false);
    }

    private static byte[] question(DnsRequest request) {
        byte[] question = request.question();
        if (question == null) {
            throw new IllegalArgumentException("only a request with a question can carry an answer");
        }
        return question;
    }

    private static byte[] withClientQuestion(DnsRequest request, byte[] answer) throws IOException {
        var query = java.util.Objects.requireNonNull(request.query(), "query");
        Message message = new Message(answer);
        message.removeAllRecords(Section.QUESTION);
        message.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        return message.toWire();
    }

    private static byte[] withOptLast(byte[] answer) throws IOException {
        Message message = new Message(answer);
        OPTRecord opt = java.util.Objects.requireNonNull(message.getOPT(), "opt");
        message.removeRecord(opt, Section.ADDITIONAL);
        message.addRecord(opt, Section.ADDITIONAL);
        return message.toWire();
    }

    private static void writeOpt(byte[] out, int pos, int extendedRcode, boolean dnssecOk, byte[] options) {
        WireOpt.write(out, pos, ADVERTISED_UDP_PAYLOAD, extendedRcode, dnssecOk, options);
    }
}
