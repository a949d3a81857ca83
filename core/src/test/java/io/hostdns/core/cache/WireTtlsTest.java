package io.hostdns.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WireTtlsTest {

    private final Query query = Query.of("www.example.", Type.A);

    @Test
    void scan_agreesWithAnswerMinTtl_forPositiveAndNegativeAnswers() {
        Message m = Responses.response(query, Rcode.NOERROR);
        m.addRecord(new CNAMERecord(query.name(), 1, 900, Name.fromConstantString("web.example.")), Section.ANSWER);
        m.addRecord(Responses.a(query, 120, "192.0.2.9").message().getSection(Section.ANSWER).get(0), Section.ANSWER);
        m.addRecord(Responses.soa(60, 30), Section.AUTHORITY);
        Answer positive = Answer.of(m, AnswerSource.LOCAL);
        Answer negative = Responses.negative(query, Rcode.NXDOMAIN, 300, 40);

        assertThat(WireTtls.scan(positive.wireBytes()).minTtl()).isEqualTo(positive.minTtl()).isEqualTo(60);
        assertThat(WireTtls.scan(positive.wireBytes()).answerCount()).isEqualTo(2);
        assertThat(WireTtls.scan(negative.wireBytes()).negativeTtl()).isEqualTo(negative.minTtl()).isEqualTo(40);
        assertThat(WireTtls.scan(Responses.rcode(query, Rcode.NXDOMAIN).wireBytes()).negativeTtl()).isEqualTo(-1);
    }

    @Test
    void scan_readsTheExtendedRcodeFromOpt() {
        Message m = Responses.response(query, Rcode.NOERROR);
        m.removeRecord(m.getOPT(), Section.ADDITIONAL);
        m.addRecord(new OPTRecord(1232, 1, 0), Section.ADDITIONAL);
        assertThat(WireTtls.scan(m.toWire()).extendedRcode()).isEqualTo(1);
        assertThat(WireTtls.scan(Responses.response(query, Rcode.NOERROR).toWire()).extendedRcode()).isZero();
    }

    @Test
    void rewrite_setsEveryRecordTtl_butLeavesOptAndTheRestUntouched() {
        Answer answer = Responses.negative(query, Rcode.NOERROR, 300, 40);
        Message m = answer.message();
        m.addRecord(Responses.a(query, 77, "192.0.2.1").message().getSection(Section.ANSWER).get(0), Section.ANSWER);
        byte[] wire = m.toWire();
        byte[] original = wire.clone();

        WireTtls.rewrite(wire, 12);

        Answer rewritten = Answer.of(wire, AnswerSource.LOCAL);
        assertThat(Responses.ttls(rewritten)).containsExactly(12, 12);
        OPTRecord opt = rewritten.message().getOPT();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        WireTtls.rewrite(wire, 77);
        WireTtls.rewrite(original, 77);
        assertThat(wire).isEqualTo(original);
    }

    @Test
    void scan_rejectsTruncatedOrMalformedBytes() {
        byte[] wire = Responses.a(query, 60, "192.0.2.1").wireBytes();
        assertThat(WireTtls.scan(Arrays.copyOf(wire, wire.length - 3))).isNull();
        assertThat(WireTtls.scan(Arrays.copyOf(wire, 11))).isNull();
        byte[] badLabel = wire.clone();
        badLabel[12] = (byte) 0x80;
        assertThat(WireTtls.scan(badLabel)).isNull();
    }
}
