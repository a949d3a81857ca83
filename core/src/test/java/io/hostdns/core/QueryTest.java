package io.hostdns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class QueryTest {

    @Test
    void of_makesNameAbsolute_andDefaultsToInWithEdns1232() {
        Query q = Query.of("example.org", Type.A);
        assertThat(q.name()).isEqualTo(Name.fromConstantString("example.org."));
        assertThat(q.dclass()).isEqualTo(DClass.IN);
        assertThat(q.udpPayloadSize()).isEqualTo(1232);
        assertThat(q.dnssecOk()).isFalse();
        assertThat(q.checkingDisabled()).isFalse();
    }

    @Test
    void equality_isTheCacheKey_caseInsensitiveName_ignoringPayloadSize() {
        Query lower = Query.of("example.org.", Type.A);
        Query upper = Query.of("EXAMPLE.Org.", Type.A).withUdpPayloadSize(4096);
        assertThat(upper).isEqualTo(lower).hasSameHashCodeAs(lower);
        assertThat(lower.withDnssecOk(true)).isNotEqualTo(lower);
        assertThat(lower.withCheckingDisabled(true)).isNotEqualTo(lower);
        assertThat(Query.of("example.org.", Type.AAAA)).isNotEqualTo(lower);
    }

    @Test
    void toMessage_carriesQuestionFlagsAndOpt() {
        Query q = Query.of("example.org.", Type.MX).withDnssecOk(true).withCheckingDisabled(true);
        Message m = q.toMessage(4242);
        assertThat(m.getHeader().getID()).isEqualTo(4242);
        assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(m.getQuestion().getName()).isEqualTo(q.name());
        assertThat(m.getQuestion().getType()).isEqualTo(Type.MX);
        OPTRecord opt = m.getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    }

    @Test
    void toMessage_withoutEdns_hasNoOpt() {
        assertThat(Query.of("example.org.", Type.A).withUdpPayloadSize(0).toMessage(1).getOPT()).isNull();
    }

    @Test
    void from_roundTripsThroughWire_andLeavesMessageUntouched() throws Exception {
        Query original = Query.of("Mixed.Case.example.", Type.TXT).withDnssecOk(true).withUdpPayloadSize(4096);
        Message message = new Message(original.toWire(7));
        byte[] before = message.toWire();
        Query parsed = Query.from(message);
        assertThat(parsed).isEqualTo(original);
        assertThat(parsed.udpPayloadSize()).isEqualTo(4096);
        assertThat(parsed.name().toString()).isEqualTo("Mixed.Case.example.");
        assertThat(message.toWire()).isEqualTo(before);
    }

    @Test
    void from_rejectsMessagesWithoutExactlyOneQuestion() {
        Message none = new Message(1);
        assertThatThrownBy(() -> Query.from(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one question");
        Message two = Query.of("a.example.", Type.A).toMessage(2);
        two.addRecord(Record.newRecord(Name.fromConstantString("b.example."), Type.A, DClass.IN), Section.QUESTION);
        assertThatThrownBy(() -> Query.from(two)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidInput_failsWithAClearMessage() {
        assertThatThrownBy(() -> Query.of("bad..name", Type.A)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad..name");
        assertThatThrownBy(() -> Query.of("example.org.", Type.A).withUdpPayloadSize(100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("udpPayloadSize");
        assertThatThrownBy(() -> new Query(Name.fromConstantString("relative"), Type.A, DClass.IN, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }
}
