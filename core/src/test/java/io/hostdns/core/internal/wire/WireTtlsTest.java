package io.hostdns.core.internal.wire;

import static io.hostdns.core.internal.wire.WireMessages.bytes;
import static io.hostdns.core.internal.wire.WireMessages.header;
import static io.hostdns.core.internal.wire.WireMessages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WireTtlsTest {

    private final Query query = Query.of("www.example.", Type.A);

    @Test
    void scan_agreesWithAnswerMinTtl_forPositiveAndNegativeAnswers() {
        Message m = WireMessages.response(query, Rcode.NOERROR);
        m.addRecord(new CNAMERecord(query.name(), 1, 900, Name.fromConstantString("web.example.")), Section.ANSWER);
        m.addRecord(WireMessages.a(query.name(), 120, "192.0.2.9"), Section.ANSWER);
        m.addRecord(WireMessages.soa(60, 30), Section.AUTHORITY);
        Answer positive = Answer.of(m, AnswerSource.LOCAL);
        Answer negative = Answer.of(WireMessages.negative(query, Rcode.NXDOMAIN, 300, 40), AnswerSource.LOCAL);
        byte[] noSoa = WireMessages.response(query, Rcode.NXDOMAIN).toWire();

        assertThat(WireTtls.scan(positive.wireBytes()).minTtl()).isEqualTo(positive.minTtl()).isEqualTo(60);
        assertThat(WireTtls.scan(positive.wireBytes()).answerCount()).isEqualTo(2);
        assertThat(WireTtls.scan(negative.wireBytes()).negativeTtl()).isEqualTo(negative.minTtl()).isEqualTo(40);
        assertThat(WireTtls.scan(noSoa).negativeTtl()).isEqualTo(-1);
        assertThat(WireTtls.scan(noSoa).minTtl()).isEqualTo(-1);
    }

    @Test
    void scan_takesTheSoaTtl_whenItIsBelowTheSoaMinimum() {
        assertThat(WireTtls.scan(WireMessages.negative(query, Rcode.NXDOMAIN, 20, 900).toWire()).negativeTtl())
                .isEqualTo(20);
    }

    @Test
    void scan_readsTheExtendedRcodeFromOpt() {
        Message m = WireMessages.response(query, Rcode.NOERROR);
        m.removeRecord(m.getOPT(), Section.ADDITIONAL);
        m.addRecord(new OPTRecord(1232, 1, 0), Section.ADDITIONAL);
        assertThat(WireTtls.scan(m.toWire()).extendedRcode()).isEqualTo(1);
        assertThat(WireTtls.scan(WireMessages.response(query, Rcode.NOERROR).toWire()).extendedRcode()).isZero();
    }

    @Test
    void scan_locatesTheOptRecord_andWhetherRecordsFollowIt() {
        Message last = WireMessages.response(query, Rcode.NOERROR);
        byte[] wire = last.toWire();
        Message notLast = WireMessages.response(query, Rcode.NOERROR);
        notLast.addRecord(WireMessages.a(Name.fromConstantString("glue.example."), 60, "192.0.2.2"),
                Section.ADDITIONAL);

        WireTtls.Summary summary = WireTtls.scan(wire);

        assertThat(summary.optStart()).isEqualTo(wire.length - WireOpt.LENGTH_WITHOUT_OPTIONS);
        assertThat(summary.optEnd()).isEqualTo(wire.length).isEqualTo(summary.recordsEnd());
        assertThat(summary.optBeforeOtherRecords()).isFalse();
        assertThat(WireTtls.scan(notLast.toWire()).optBeforeOtherRecords()).isTrue();
    }

    @Test
    void rewrite_setsEveryRecordTtl_butLeavesOptAndTheRestUntouched() throws Exception {
        Message m = WireMessages.negative(query, Rcode.NOERROR, 300, 40);
        m.addRecord(WireMessages.a(query.name(), 77, "192.0.2.1"), Section.ANSWER);
        byte[] wire = m.toWire();
        byte[] original = wire.clone();

        WireTtls.rewrite(wire, 12);

        assertThat(WireMessages.ttls(wire)).containsExactly(12, 12);
        OPTRecord opt = new Message(wire).getOPT();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        WireTtls.rewrite(wire, 77);
        WireTtls.rewrite(original, 77);
        assertThat(wire).isEqualTo(original);
    }

    @Test
    void rewrite_leavesTheOptTtlField_extendedRcodeVersionAndDo_untouched() {
        Message m = WireMessages.response(Query.of("www.example.", Type.A).withDnssecOk(true), Rcode.NOERROR);
        m.removeRecord(m.getOPT(), Section.ADDITIONAL);
        m.addRecord(new OPTRecord(1232, 3, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        byte[] wire = m.toWire();
        int optTtl = wire.length - WireOpt.LENGTH_WITHOUT_OPTIONS + 5;
        byte[] before = Arrays.copyOfRange(wire, optTtl, optTtl + 4);

        WireTtls.rewrite(wire, 0x01020304);

        assertThat(Arrays.copyOfRange(wire, optTtl, optTtl + 4)).isEqualTo(before).containsExactly(3, 0, 0x80, 0);
    }

    @Test
    void rewrite_leavesTheRrsigOriginalTtl_untouched() throws Exception {
        Message m = WireMessages.response(query, Rcode.NOERROR);
        m.addRecord(WireMessages.a(query.name(), 300, "192.0.2.1"), Section.ANSWER);
        m.addRecord(new RRSIGRecord(query.name(), DClass.IN, 300, Type.A, 13, 3600, Instant.ofEpochSecond(2_000_000_000L),
                Instant.ofEpochSecond(1_900_000_000L), 12345, Name.fromConstantString("example."), new byte[64]),
                Section.ANSWER);
        byte[] wire = m.toWire();

        WireTtls.rewrite(wire, 5);

        RRSIGRecord rrsig = (RRSIGRecord) new Message(wire).getSection(Section.ANSWER).get(1);
        assertThat(rrsig.getTTL()).isEqualTo(5);
        assertThat(rrsig.getOrigTTL()).isEqualTo(3600);
    }

    @Test
    void scan_rejectsTruncatedOrMalformedBytes() {
        Message m = WireMessages.response(query, Rcode.NOERROR);
        m.addRecord(WireMessages.a(query.name(), 60, "192.0.2.1"), Section.ANSWER);
        byte[] wire = m.toWire();
        assertThat(WireTtls.scan(Arrays.copyOf(wire, wire.length - 3))).isNull();
        assertThat(WireTtls.scan(Arrays.copyOf(wire, 11))).isNull();
        byte[] badLabel = wire.clone();
        badLabel[12] = (byte) 0x80;
        assertThat(WireTtls.scan(badLabel)).isNull();
    }

    @Test
    void scan_rejectsTwoOptRecords_andOptOutsideTheAdditionalSection() {
        byte[] opt = bytes(0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0);
        byte[] question = bytes(name(1, 3), 0, 1, 0, 1);
        byte[] twoOpts = bytes(header(0x8180, 1, 0, 0, 2), question, opt, opt);
        byte[] optInAnswer = bytes(header(0x8180, 1, 1, 0, 0), question, opt);
        byte[] oneOpt = bytes(header(0x8180, 1, 0, 0, 1), question, opt);

        assertThat(WireTtls.scan(twoOpts)).isNull();
        assertThat(WireTtls.scan(optInAnswer)).isNull();
        assertThat(WireTtls.scan(oneOpt)).isNotNull();
    }

    @Test
    void scan_rejectsAnOwnerNameOf256Bytes_thatOnlyPointersMakeThatLong() {
        // question: 4 labels of 62 = 253 bytes with the root; the answer's owner is one more 1-byte label
        // pointing at it: 2 + 253 = 255 bytes is the longest name, 3 + 253 = 256 is one too many
        byte[] question = bytes(name(4, 62), 0, 1, 0, 1);
        byte[] rdata = bytes(0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1);
        byte[] fits = bytes(header(0x8180, 1, 1, 0, 0), question, 1, "b", 0xC0, 12, rdata);
        byte[] tooLong = bytes(header(0x8180, 1, 1, 0, 0), question, 2, "bb", 0xC0, 12, rdata);

        assertThat(WireTtls.scan(fits)).isNotNull();
        assertThat(WireTtls.scan(tooLong)).isNull();
    }

    @Test
    void rewrite_refusesAMessageScanRejects() {
        byte[] wire = WireMessages.response(query, Rcode.NOERROR).toWire();
        assertThatThrownBy(() -> WireTtls.rewrite(Arrays.copyOf(wire, wire.length - 1), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
