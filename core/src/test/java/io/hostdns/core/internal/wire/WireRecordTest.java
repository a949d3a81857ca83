package io.hostdns.core.internal.wire;

import static io.hostdns.core.internal.wire.WireMessages.bytes;
import static io.hostdns.core.internal.wire.WireMessages.header;
import static io.hostdns.core.internal.wire.WireMessages.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The record walker and the question reader, on messages dnsjava wrote and on hand-broken ones. */
class WireRecordTest {

    private static final byte[] QUESTION = bytes(3, "www", 7, "example", 0, 0, 1, 0, 1);
    /** "www.example." by pointer, A IN, TTL 300, 192.0.2.1. */
    private static final byte[] A_RECORD = bytes(0xC0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2C, 0, 4, 192, 0, 2, 1);

    @Test
    void walk_findsEachPartOfARecord() {
        byte[] wire = bytes(header(0x8180, 1, 1, 0, 0), QUESTION, A_RECORD);
        int start = WireQuestion.sectionEnd(wire, wire.length);

        int fixed = WireRecord.fixedPart(wire, start, wire.length);

        assertThat(start).isEqualTo(12 + QUESTION.length);
        assertThat(fixed).isEqualTo(start + 2);
        assertThat(WireRecord.type(wire, fixed)).isEqualTo(Type.A);
        assertThat(WireRecord.dclass(wire, fixed)).isEqualTo(1);
        assertThat(WireRecord.ttl(wire, fixed)).isEqualTo(300);
        assertThat(WireRecord.rdLength(wire, fixed)).isEqualTo(4);
        assertThat(WireRecord.rdata(fixed)).isEqualTo(wire.length - 4);
        assertThat(WireRecord.end(wire, fixed, wire.length)).isEqualTo(wire.length);
        assertThat(WireRecord.skip(wire, start, wire.length)).isEqualTo(wire.length);
    }

    @Test
    void walk_rejectsATruncatedRecord_andRdataRunningPastTheEnd() {
        byte[] wire = bytes(header(0x8180, 1, 1, 0, 0), QUESTION, A_RECORD);
        int start = 12 + QUESTION.length;
        byte[] cutInFixedPart = Arrays.copyOf(wire, start + 2 + 9);
        byte[] cutInRdata = Arrays.copyOf(wire, wire.length - 1);
        byte[] longRdLength = wire.clone();
        longRdLength[start + 2 + 9] = 5;

        assertThat(WireRecord.fixedPart(cutInFixedPart, start, cutInFixedPart.length)).isEqualTo(-1);
        assertThat(WireRecord.end(cutInFixedPart, -1, cutInFixedPart.length)).isEqualTo(-1);
        assertThat(WireRecord.skip(cutInRdata, start, cutInRdata.length)).isEqualTo(-1);
        assertThat(WireRecord.skip(longRdLength, start, longRdLength.length)).isEqualTo(-1);
        assertThat(WireRecord.skip(wire, start, wire.length - 1)).as("the limit, not the array, bounds it")
                .isEqualTo(-1);
    }

    @Test
    void ttl_withTheTopBitSet_countsAsZero_andSetTtlWritesTheField() {
        byte[] wire = bytes(header(0x8180, 1, 1, 0, 0), QUESTION, A_RECORD);
        int fixed = 12 + QUESTION.length + 2;

        WireRecord.setTtl(wire, fixed, 0x80000001);
        assertThat(WireRecord.ttl(wire, fixed)).isZero();
        WireRecord.setTtl(wire, fixed, Integer.MAX_VALUE);
        assertThat(WireRecord.ttl(wire, fixed)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void questionSection_isWalkedForEveryEntry_andRejectedWhenCut() {
        byte[] two = bytes(header(0, 2, 0, 0, 0), QUESTION, 0xC0, 12, 0, 28, 0, 1);
        byte[] cut = Arrays.copyOf(bytes(header(0, 1, 0, 0, 0), QUESTION), 12 + QUESTION.length - 1);
        byte[] none = header(0, 0, 0, 0, 0);

        assertThat(WireQuestion.sectionEnd(two, two.length)).isEqualTo(two.length);
        assertThat(WireQuestion.sectionEnd(cut, cut.length)).isEqualTo(-1);
        assertThat(WireQuestion.sectionEnd(none, none.length)).isEqualTo(12);
        assertThat(WireQuestion.sectionEnd(new byte[11], 11)).isEqualTo(-1);
        assertThat(WireQuestion.firstNameEnd(cut, cut.length)).isEqualTo(-1);
        assertThat(WireQuestion.firstNameEnd(none, none.length)).isEqualTo(-1);
    }

    @Test
    void firstQuestion_isReadInPlace_andItsNameCannotBeCompressed() {
        byte[] wire = bytes(header(0, 1, 0, 0, 0), QUESTION);
        byte[] compressed = bytes(header(0, 1, 0, 0, 0), 0xC0, 12, 0, 1, 0, 1);
        int nameEnd = WireQuestion.firstNameEnd(wire, wire.length);

        assertThat(nameEnd).isEqualTo(wire.length - 4);
        assertThat(WireQuestion.type(wire, nameEnd)).isEqualTo(Type.A);
        assertThat(WireQuestion.dclass(wire, nameEnd)).isEqualTo(1);
        assertThat(WireQuestion.firstNameEnd(compressed, compressed.length)).isEqualTo(-1);
    }

    @Test
    void asksOnly_matchesOneQuestion_byNameIgnoringCase_typeAndClass() {
        Query query = Query.of("WWW.Example.", Type.A);
        byte[] wire = WireMessages.response(Query.of("www.example.", Type.A), Rcode.NOERROR).toWire();
        byte[] name = query.name().toWire();
        Message twoQuestions = WireMessages.response(Query.of("www.example.", Type.A), Rcode.NOERROR);
        twoQuestions.addRecord(twoQuestions.getQuestion(), Section.QUESTION);

        assertThat(WireQuestion.asksOnly(wire, wire.length, name, 0, Type.A, 1)).isTrue();
        assertThat(WireQuestion.asksOnly(wire, wire.length, name, 0, Type.AAAA, 1)).isFalse();
        assertThat(WireQuestion.asksOnly(wire, wire.length, name, 0, Type.A, 3)).isFalse();
        assertThat(WireQuestion.asksOnly(wire, wire.length, name(2, 3), 0, Type.A, 1)).isFalse();
        assertThat(WireQuestion.asksOnly(twoQuestions.toWire(), twoQuestions.toWire().length, name, 0, Type.A, 1))
                .isFalse();
        assertThat(WireQuestion.asksOnly(wire, 11, name, 0, Type.A, 1)).isFalse();
    }
}
