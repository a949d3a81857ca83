package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The hand-written request reader against requests written by dnsjava. */
class RequestDecoderTest {

    private static Message query(String name) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), Type.AAAA, DClass.IN));
    }

    @Test
    void decode_readsIdQuestionBytesAndQuery_withoutEdns() throws Exception {
        Message m = query("Host.Example.");
        m.getHeader().setID(777);
        byte[] wire = m.toWire();

        DnsRequest request = RequestDecoder.decode(wire);

        assertThat(request.verdict()).isEqualTo(DnsRequest.Verdict.OK);
        assertThat(request.id()).isEqualTo(777);
        assertThat(request.recursionDesired()).isTrue();
        assertThat(request.question()).containsExactly(Arrays.copyOfRange(wire, 12, wire.length));
        assertThat(request.query().name().toString()).isEqualTo("Host.Example.");
        assertThat(request.query().type()).isEqualTo(Type.AAAA);
        assertThat(request.edns()).isFalse();
        assertThat(request.udpPayloadSize()).isEqualTo(512);
        assertThat(request.query().udpPayloadSize()).isEqualTo(Query.DEFAULT_UDP_PAYLOAD_SIZE);
    }

    @Test
    void decode_readsEdnsSizeAndDoBit_pastOptionsInTheOpt() throws Exception {
        Message m = query("example.");
        m.getHeader().setFlag(Flags.CD);
        m.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO,
                List.of(new ClientSubnetOption(24, java.net.InetAddress.getByName("192.0.2.0")))), Section.ADDITIONAL);

        DnsRequest request = RequestDecoder.decode(m.toWire());

        assertThat(request.edns()).isTrue();
        assertThat(request.udpPayloadSize()).isEqualTo(4096);
        assertThat(request.dnssecOk()).isTrue();
        assertThat(request.query().dnssecOk()).isTrue();
        assertThat(request.query().checkingDisabled()).isTrue();
    }

    @Test
    void decode_carriesTheClientsAdAndDo_forTheAdRule() throws Exception {
        Message plain = query("example.");
        Message adOnly = query("example.");
        adOnly.getHeader().setFlag(Flags.AD);
        Message doOnly = query("example.");
        doOnly.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

        assertThat(RequestDecoder.decode(plain.toWire()).wantsAuthenticData()).isFalse();
        assertThat(RequestDecoder.decode(adOnly.toWire()).wantsAuthenticData()).isTrue();
        assertThat(RequestDecoder.decode(adOnly.toWire()).query().dnssecOk()).as("AD does not ask for signatures").isFalse();
        assertThat(RequestDecoder.decode(doOnly.toWire()).wantsAuthenticData()).isTrue();
    }

    @Test
    void decode_raisesSmallEdnsSizeTo512() throws Exception {
        Message m = query("example.");
        m.addRecord(new OPTRecord(100, 0, 0), Section.ADDITIONAL);

        assertThat(RequestDecoder.decode(m.toWire()).udpPayloadSize()).isEqualTo(512);
    }

    @Test
    void decode_skipsAnswerRecordsToFindTheOpt() throws Exception {
        Message m = query("example.");
        m.addRecord(new ARecord(Name.fromString("example."), DClass.IN, 1, java.net.InetAddress.getByName("192.0.2.1")),
                Section.ANSWER);
        m.addRecord(new OPTRecord(1400, 0, 0), Section.ADDITIONAL);

        assertThat(RequestDecoder.decode(m.toWire()).udpPayloadSize()).isEqualTo(1400);
    }

    @Test
    void decode_returnsNull_forLessThanAHeader() {
        assertThat(RequestDecoder.decode(new byte[11])).isNull();
    }

    @Test
    void decode_givesFormerr_forTwoOptRecords_truncatedQuestion_orCompressedQuestion() throws Exception {
        Message twoOpts = query("example.");
        twoOpts.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        twoOpts.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        byte[] wire = query("example.").toWire();
        byte[] truncated = Arrays.copyOf(wire, wire.length - 2);
        byte[] compressed = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};

        assertThat(RequestDecoder.decode(twoOpts.toWire()).verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
        assertThat(RequestDecoder.decode(truncated).verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
        assertThat(RequestDecoder.decode(compressed).verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
    }

    @Test
    void decode_givesFormerr_whenRecordCountsRunPastTheEnd() throws Exception {
        byte[] wire = query("example.").toWire();
        wire[11] = 3; // claims three additional records that are not there

        DnsRequest request = RequestDecoder.decode(wire);

        assertThat(request.verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
        assertThat(request.question()).isNotNull();
    }

    @Test
    void decode_givesFormerr_forAnOptRecordOutsideTheAdditionalSection() throws Exception {
        byte[] wire = query("example.").toWire();
        byte[] opt = {0, 0, 41, 0x04, (byte) 0xD0, 0, 0, 0, 0, 0, 0};
        byte[] optInAnswer = Arrays.copyOf(wire, wire.length + opt.length);
        System.arraycopy(opt, 0, optInAnswer, wire.length, opt.length);
        optInAnswer[7] = 1; // ANCOUNT 1

        DnsRequest request = RequestDecoder.decode(optInAnswer);

        assertThat(request.verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
        assertThat(request.question()).isNotNull();
    }

    @Test
    void decode_givesFormerr_forANameOver255Bytes_inTheQuestionOrThroughAPointerInARecord() {
        byte[] rest = {0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 1}; // A IN 60 192.0.2.1
        byte[] longestQuestion = request(labels(62, 62, 62, 62, 1), 0);
        byte[] tooLongQuestion = request(labels(62, 62, 62, 62, 2), 0);
        // an additional record owned by a label + pointer to the 253-byte question name
        byte[] ownerFits = request(labels(62, 62, 62, 62), 1, new byte[] {1, 'b', (byte) 0xC0, 12}, rest);
        byte[] ownerTooLong = request(labels(62, 62, 62, 62), 1, new byte[] {2, 'b', 'b', (byte) 0xC0, 12}, rest);

        assertThat(RequestDecoder.decode(longestQuestion).verdict()).isEqualTo(DnsRequest.Verdict.OK);
        assertThat(RequestDecoder.decode(tooLongQuestion).verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
        assertThat(RequestDecoder.decode(ownerFits).verdict()).isEqualTo(DnsRequest.Verdict.OK);
        assertThat(RequestDecoder.decode(ownerTooLong).verdict()).isEqualTo(DnsRequest.Verdict.FORMERR);
    }

    /** A query (ID 1, RD) for {@code name}, type A, with {@code additional} records made of {@code parts}. */
    private static byte[] request(byte[] name, int additional, byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, (byte) additional});
        out.writeBytes(name);
        out.writeBytes(new byte[] {0, 1, 0, 1});
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] labels(int... lengths) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int length : lengths) {
            out.write(length);
            out.writeBytes("a".repeat(length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }
}
