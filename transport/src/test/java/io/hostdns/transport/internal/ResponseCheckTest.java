package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.hostdns.transport.internal.ResponseCheck.Verdict;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RFC 5452 acceptance of an upstream response: header, opcode and the one question, read by the wire walker. */
class ResponseCheckTest {

    private static final Query QUERY = Query.of("www.example.com.", Type.A);

    private static byte[] response(String name, int type) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setID(7);
        return m.toWire();
    }

    @Test
    void check_matches_theQuestionAsked_inAnyLetterCase() throws Exception {
        assertThat(ResponseCheck.check(response("www.example.com.", Type.A), QUERY)).isEqualTo(Verdict.MATCH);
        assertThat(ResponseCheck.check(response("wWw.ExAmPlE.cOm.", Type.A), QUERY)).isEqualTo(Verdict.MATCH);
        assertThat(ResponseCheck.id(response("www.example.com.", Type.A))).isEqualTo(7);
    }

    @Test
    void check_isWrongQuestion_forAnotherNameOfTheSameLength_anotherType_orTwoQuestions() throws Exception {
        byte[] two = response("www.example.com.", Type.A);
        two[5] = 2;

        assertThat(ResponseCheck.check(response("www.example.org.", Type.A), QUERY)).isEqualTo(Verdict.WRONG_QUESTION);
        assertThat(ResponseCheck.check(response("ww.example.com.", Type.A), QUERY)).isEqualTo(Verdict.WRONG_QUESTION);
        assertThat(ResponseCheck.check(response("www.example.com.", Type.AAAA), QUERY))
                .isEqualTo(Verdict.WRONG_QUESTION);
        assertThat(ResponseCheck.check(two, QUERY)).isEqualTo(Verdict.WRONG_QUESTION);
    }

    @Test
    void check_isMalformed_forAQueryAnUpdateAHeaderOnlyOrACutQuestion() throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(QUERY.name(), Type.A, 1)).toWire();
        byte[] update = response("www.example.com.", Type.A);
        update[2] |= (byte) (Opcode.UPDATE << 3);
        byte[] headerOnly = Arrays.copyOf(response("www.example.com.", Type.A), 12);
        byte[] full = response("www.example.com.", Type.A);

        assertThat(ResponseCheck.check(query, QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.check(update, QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.check(headerOnly, QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.check(Arrays.copyOf(full, full.length - 1), QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.id(new byte[11])).isEqualTo(-1);
    }

    @Test
    void check_isMalformed_forAQuestionNameOf256Bytes_aLabelOf64_orAPointer() {
        byte[] header = {0, 7, (byte) 0x81, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[] typeClass = {0, 1, 0, 1};
        // 4 labels of 62 and one of 1: 4 * 63 + 2 + 1 = 255 bytes fits; one more byte in the last label does not
        byte[] longest = concat(header, labels(62, 62, 62, 62, 1), typeClass);
        byte[] tooLong = concat(header, labels(62, 62, 62, 62, 2), typeClass);
        byte[] label64 = concat(header, labels(64), typeClass);
        byte[] pointer = concat(header, new byte[] {3, 'w', 'w', 'w', (byte) 0xC0, 12}, typeClass);

        assertThat(ResponseCheck.check(longest, QUERY)).isEqualTo(Verdict.WRONG_QUESTION);
        assertThat(ResponseCheck.check(tooLong, QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.check(label64, QUERY)).isEqualTo(Verdict.MALFORMED);
        assertThat(ResponseCheck.check(pointer, QUERY)).isEqualTo(Verdict.MALFORMED);
    }

    private static byte[] labels(int... lengths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int length : lengths) {
            out.write(length);
            out.writeBytes("x".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
