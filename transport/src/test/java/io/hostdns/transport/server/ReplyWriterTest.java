package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Replies built from answer bytes: header, question echo, hop-by-hop OPT and truncation. */
class ReplyWriterTest {

    private static final byte[] NONE = new byte[0];

    private static DnsRequest request(String name, int type, int ednsSize) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        m.getHeader().setID(99);
        if (ednsSize > 0) {
            m.addRecord(new OPTRecord(ednsSize, 0, 0), Section.ADDITIONAL);
        }
        return RequestDecoder.decode(m.toWire());
    }

    @Test
    void fromAnswer_replacesUpstreamOpt_withOursCarryingItsEdeOptions() throws Exception {
        DnsRequest request = request("example.", Type.A, 1232);
        Message upstream = Answers.reply(Query.of("example.", Type.A), Rcode.SERVFAIL);
        upstream.removeAllRecords(Section.ADDITIONAL); // one OPT at most (RFC 6891 6.1.1): replace the query's
        upstream.addRecord(new OPTRecord(4096, 0, 0, 0, List.of(
                new ExtendedErrorCodeOption(ExtendedErrorCodeOption.DNSSEC_BOGUS, "bogus"))), Section.ADDITIONAL);

        Message reply = new Message(ReplyWriter.fromAnswer(request, upstream.toWire(), 4096, NONE).wire());

        assertThat(reply.getHeader().getID()).isEqualTo(99);
        assertThat(reply.getOPT().getPayloadSize()).isEqualTo(ReplyWriter.ADVERTISED_UDP_PAYLOAD);
        List<EDNSOption> ede = reply.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertThat(ede).hasSize(1);
        assertThat(((ExtendedErrorCodeOption) ede.get(0)).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
    }

    @Test
    void fromAnswer_dropsOpt_whenClientSentNone() throws Exception {
        DnsRequest request = request("example.", Type.A, 0);
        Message upstream = Answers.reply(Query.of("example.", Type.A), Rcode.NOERROR);
        upstream.removeAllRecords(Section.ADDITIONAL); // one OPT at most (RFC 6891 6.1.1): replace the query's
        upstream.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);

        Message reply = new Message(ReplyWriter.fromAnswer(request, upstream.toWire(), 512, NONE).wire());

        assertThat(reply.getOPT()).isNull();
        assertThat(reply.getSectionArray(Section.ADDITIONAL)).isEmpty();
    }

    @Test
    void fromAnswer_dropsOnlyAdditionalRecords_withoutSettingTc() throws Exception {
        DnsRequest request = request("example.", Type.A, 0);
        Message upstream = Answers.reply(Query.of("example.", Type.A), Rcode.NOERROR);
        upstream.addRecord(a("example.", "192.0.2.1"), Section.ANSWER);
        for (int i = 0; i < 40; i++) {
            upstream.addRecord(a("glue" + i + ".example.", "192.0.2." + i), Section.ADDITIONAL);
        }

        ReplyWriter.Reply reply = ReplyWriter.fromAnswer(request, upstream.toWire(), 512, NONE);
        Message parsed = new Message(reply.wire());

        assertThat(reply.wire().length).isLessThanOrEqualTo(512);
        assertThat(reply.truncated()).isFalse();
        assertThat(parsed.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(parsed.getSectionArray(Section.ANSWER)).hasSize(1);
        assertThat(parsed.getSectionArray(Section.ADDITIONAL)).hasSizeBetween(1, 39);
    }

    @Test
    void fromAnswer_keepsAnEmptyTcReply_whenNotEvenOneRecordFits() throws Exception {
        DnsRequest request = request("example.", Type.TXT, 0);
        Message huge = Answers.reply(Query.of("example.", Type.TXT), Rcode.NOERROR);
        huge.addRecord(new org.xbill.DNS.TXTRecord(Name.fromString("example."), DClass.IN, 60,
                List.of("a".repeat(255), "b".repeat(255), "c".repeat(255))), Section.ANSWER);

        ReplyWriter.Reply reply = ReplyWriter.fromAnswer(request, huge.toWire(), 512, NONE);
        Message parsed = new Message(reply.wire());

        assertThat(reply.truncated()).isTrue();
        assertThat(parsed.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(parsed.getSectionArray(Section.ANSWER)).isEmpty();
        assertThat(parsed.getQuestion().getName()).isEqualTo(Name.fromString("example."));
    }

    @Test
    void fromAnswer_rewritesQuestion_whenAnswerCarriesNone() throws Exception {
        DnsRequest request = request("MiXeD.example.", Type.A, 0);
        Message upstream = Answers.reply(Query.of("mixed.example.", Type.A), Rcode.NOERROR);
        upstream.addRecord(a("mixed.example.", "192.0.2.3"), Section.ANSWER);
        upstream.removeAllRecords(Section.QUESTION);

        Message reply = new Message(ReplyWriter.fromAnswer(request, upstream.toWire(), 512, NONE).wire());

        assertThat(reply.getQuestion().getName().toString()).isEqualTo("MiXeD.example.");
        assertThat(reply.getSectionArray(Section.ANSWER)).hasSize(1);
    }

    @Test
    void fromAnswer_keepsCompressedAdditionalRecordsIntact_whenOptIsNotLast() throws Exception {
        DnsRequest request = request("zone.example.", Type.NS, 1232);
        Message upstream = Answers.reply(Query.of("zone.example.", Type.NS), Rcode.NOERROR);
        upstream.removeAllRecords(Section.ADDITIONAL);
        upstream.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        upstream.addRecord(a("ns1.zone.example.", "192.0.2.1"), Section.ADDITIONAL);
        upstream.addRecord(a("x.ns1.zone.example.", "192.0.2.2"), Section.ADDITIONAL);
        byte[] wire = upstream.toWire();
        assertThat(AnswerLayout.of(wire).copyableWithoutOpt()).isFalse();

        Message reply = new Message(ReplyWriter.fromAnswer(request, wire, 4096, NONE).wire());

        Record[] additional = reply.getSectionArray(Section.ADDITIONAL);
        assertThat(additional).hasSize(3);
        assertThat(additional[0].getName()).isEqualTo(Name.fromString("ns1.zone.example."));
        assertThat(additional[1].getName()).isEqualTo(Name.fromString("x.ns1.zone.example."));
        assertThat(additional[2].getType()).isEqualTo(Type.OPT);
    }

    @Test
    void error_echoesOpcodeRdAndQuestion_andAddsOptOnlyForEdnsClients() throws Exception {
        DnsRequest edns = request("example.", Type.A, 1232);
        DnsRequest plain = request("example.", Type.A, 0);
        byte[] ede = new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NETWORK_ERROR, "x").toWire();

        Message withOpt = new Message(ReplyWriter.error(edns, Rcode.SERVFAIL, ede).wire());
        Message withoutOpt = new Message(ReplyWriter.error(plain, Rcode.SERVFAIL, ede).wire());

        assertThat(withOpt.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(withOpt.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(withOpt.getQuestion().getName()).isEqualTo(Name.fromString("example."));
        assertThat(withOpt.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)).hasSize(1);
        assertThat(withoutOpt.getOPT()).isNull();
    }

    @Test
    void fromAnswer_echoesTheClientsLetterCase_inTheQuestionAndInOwnersPointingAtIt() throws Exception {
        DnsRequest request = request("MiXeD.example.", Type.A, 0);
        Message upstream = Answers.reply(Query.of("mixed.example.", Type.A), Rcode.NOERROR);
        upstream.addRecord(a("mixed.example.", "192.0.2.3"), Section.ANSWER);

        Message reply = new Message(ReplyWriter.fromAnswer(request, upstream.toWire(), 512, NONE).wire());

        assertThat(reply.getQuestion().getName().toString()).isEqualTo("MiXeD.example.");
        assertThat(reply.getSectionArray(Section.ANSWER)[0].getName().toString()).isEqualTo("MiXeD.example.");
    }

    @Test
    void fromAnswer_keepsTheAnswersOwnerNames_whenItsQuestionIsAnotherNameOfTheSameLength() throws Exception {
        DnsRequest request = request("aaaa.example.", Type.A, 0);
        Message upstream = Answers.reply(Query.of("bbbb.example.", Type.A), Rcode.NOERROR);
        upstream.addRecord(a("bbbb.example.", "192.0.2.4"), Section.ANSWER); // compressed: points at the question

        Message reply = new Message(ReplyWriter.fromAnswer(request, upstream.toWire(), 512, NONE).wire());

        assertThat(reply.getQuestion().getName()).isEqualTo(Name.fromString("aaaa.example."));
        assertThat(reply.getSectionArray(Section.ANSWER)[0].getName()).isEqualTo(Name.fromString("bbbb.example."));
    }

    @Test
    void answerLayout_rejectsTwoOptRecords_optInTheAnswerSection_andNamesOver255Bytes() throws Exception {
        Message twoOpts = Answers.reply(Query.of("example.", Type.A), Rcode.NOERROR);
        twoOpts.removeAllRecords(Section.ADDITIONAL);
        twoOpts.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        twoOpts.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        byte[] header = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
        byte[] question = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1};
        byte[] optRecord = {0, 0, 41, 0x04, (byte) 0xD0, 0, 0, 0, 0, 0, 0};
        byte[] optInAnswer = concat(header, question, optRecord);
        String long253 = ("a".repeat(62) + ".").repeat(4);
        Message longQuestion = Answers.reply(Query.of(long253, Type.A), Rcode.NOERROR);
        longQuestion.removeAllRecords(Section.ADDITIONAL);
        byte[] base = longQuestion.toWire();
        base[7] = 1; // ANCOUNT 1: "bb" + pointer to the 253-byte question, 256 bytes
        byte[] tooLong = concat(base, new byte[] {2, 'b', 'b', (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4});
        byte[] fits = concat(base, new byte[] {1, 'b', (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4});

        org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> AnswerLayout.of(twoOpts.toWire()));
        org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> AnswerLayout.of(optInAnswer));
        org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> AnswerLayout.of(tooLong));
        assertThat(AnswerLayout.of(fits).recordCount()).isEqualTo(1);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static ARecord a(String name, String address) throws Exception {
        return new ARecord(Name.fromString(name), DClass.IN, 60, java.net.InetAddress.getByName(address));
    }
}
