package io.hostdns.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Header and OPT accessors and writers, checked against dnsjava's reading and writing of the same bytes. */
class WireHeaderTest {

    @Test
    void header_readsWhatDnsjavaWrote() {
        Message m = WireMessages.response(Query.of("www.example.", Type.A), Rcode.NXDOMAIN);
        m.getHeader().setID(0xBEEF);
        m.getHeader().setFlag(Flags.TC);
        m.getHeader().setOpcode(Opcode.NOTIFY);
        m.addRecord(WireMessages.soa(60, 30), Section.AUTHORITY);
        byte[] wire = m.toWire();

        assertThat(WireHeader.isPresent(wire)).isTrue();
        assertThat(WireHeader.isPresent(new byte[11])).isFalse();
        assertThat(WireHeader.id(wire)).isEqualTo(0xBEEF);
        assertThat(WireHeader.flags(wire)).isEqualTo(WireHeader.FLAG_QR | Opcode.NOTIFY << 11 | WireHeader.FLAG_TC
                | WireHeader.FLAG_RD | WireHeader.FLAG_RA | Rcode.NXDOMAIN);
        assertThat(WireHeader.opcode(wire)).isEqualTo(Opcode.NOTIFY);
        assertThat(WireHeader.rcode(wire)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(WireHeader.isResponse(wire)).isTrue();
        assertThat(WireHeader.isTruncated(wire)).isTrue();
        assertThat(WireHeader.questionCount(wire)).isEqualTo(1);
        assertThat(WireHeader.answerCount(wire)).isZero();
        assertThat(WireHeader.authorityCount(wire)).isEqualTo(1);
        assertThat(WireHeader.additionalCount(wire)).isEqualTo(1);
        assertThat(WireHeader.recordCount(wire)).isEqualTo(2);
    }

    @Test
    void header_writesWhatDnsjavaReads() throws Exception {
        byte[] wire = new byte[12];
        WireHeader.write(wire, 7, WireHeader.FLAG_QR | WireHeader.FLAG_RD | Rcode.SERVFAIL, 0, 0, 0, 0);
        WireHeader.setId(wire, 0x1234);
        WireHeader.setFlags(wire, WireHeader.flags(wire) | WireHeader.FLAG_RA);

        Message m = new Message(wire);

        assertThat(m.getHeader().getID()).isEqualTo(0x1234);
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(WireHeader.u32(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}, 0))
                .isEqualTo(0xFFFFFFFEL);
    }

    @Test
    void opt_readsAndWritesTheEdnsFields() throws Exception {
        byte[] ede = new ExtendedErrorCodeOption(ExtendedErrorCodeOption.STALE_ANSWER).toWire();
        Message m = WireMessages.response(Query.of("www.example.", Type.A), Rcode.NOERROR);
        m.removeAllRecords(Section.ADDITIONAL);
        m.addRecord(new OPTRecord(4096, 2, 0, ExtendedFlags.DO, List.of()), Section.ADDITIONAL);
        byte[] read = m.toWire();
        int fixed = read.length - WireOpt.LENGTH_WITHOUT_OPTIONS + 1;
        m.removeAllRecords(Section.ADDITIONAL);
        byte[] base = m.toWire();
        byte[] written = java.util.Arrays.copyOf(base, base.length + WireOpt.LENGTH_WITHOUT_OPTIONS + ede.length);
        WireHeader.setAdditionalCount(written, 1);

        int end = WireOpt.write(written, base.length, 1232, 1, true, ede);
        OPTRecord opt = new Message(written).getOPT();

        assertThat(WireOpt.payloadSize(read, fixed)).isEqualTo(4096);
        assertThat(WireOpt.extendedRcode(read, fixed)).isEqualTo(2);
        assertThat(WireOpt.version(read, fixed)).isZero();
        assertThat(WireOpt.dnssecOk(read, fixed)).isTrue();
        assertThat(end).isEqualTo(written.length);
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getExtendedRcode()).isEqualTo(1);
        assertThat(opt.getFlags() & ExtendedFlags.DO).isNotZero();
        assertThat(opt.getOptions()).hasSize(1);
    }
}
