package io.hostdns.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.hostdns.core.TestAnswers;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseSanitizerTest {

    private static Record rr(String text) {
        try {
            return Record.fromString(Name.root, type(text), DClass.IN, 300, rdata(text), Name.root)
                    .withName(Name.fromString(text.split(" ")[0]));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static int type(String text) {
        return Type.value(text.split(" ")[1]);
    }

    private static String rdata(String text) {
        String[] parts = text.split(" ", 3);
        return parts[2];
    }

    private static Message response(Query query, int rcode, List<String> answer, List<String> authority,
                                    List<String> additional) {
        Message m = TestAnswers.reply(query, rcode);
        answer.forEach(t -> m.addRecord(rr(t), Section.ANSWER));
        authority.forEach(t -> m.addRecord(rr(t), Section.AUTHORITY));
        additional.forEach(t -> m.addRecord(rr(t), Section.ADDITIONAL));
        return m;
    }

    private static List<String> texts(Message m, int section) {
        return m.getSection(section).stream().filter(r -> r.getType() != Type.OPT)
                .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString()).toList();
    }

    @Test
    void keepsTheCnameChain_andDropsAnUnrelatedAnswerRecord() {
        Query q = Query.of("www.example.com.", Type.A);
        Message in = response(q, Rcode.NOERROR,
                List.of("www.example.com. CNAME cdn.example.net.", "cdn.example.net. A 192.0.2.10",
                        "bank.example. A 203.0.113.66"),
                List.of(), List.of());

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(texts(out.message(), Section.ANSWER))
                .containsExactly("www.example.com. CNAME cdn.example.net.", "cdn.example.net. A 192.0.2.10");
        assertThat(out.dropped()).isEqualTo(1);
        assertThat(out.message().getHeader().getCount(Section.ANSWER)).isEqualTo(2);
    }

    @Test
    void dropsRecordsOfTheRightNameButAnotherType() {
        Query q = Query.of("www.example.com.", Type.A);
        Message in = response(q, Rcode.NOERROR,
                List.of("www.example.com. A 192.0.2.1", "www.example.com. MX 10 mail.evil.example."),
                List.of(), List.of());

        assertThat(texts(ResponseSanitizer.sanitize(in, q).message(), Section.ANSWER))
                .containsExactly("www.example.com. A 192.0.2.1");
    }

    @Test
    void followsADname_andKeepsTheSynthesisedCnameAndItsTarget() {
        Query q = Query.of("host.old.example.", Type.A);
        Message in = response(q, Rcode.NOERROR,
                List.of("old.example. DNAME new.example.", "host.old.example. CNAME host.new.example.",
                        "host.new.example. A 192.0.2.7", "other.new.example. A 192.0.2.8"),
                List.of(), List.of());

        assertThat(texts(ResponseSanitizer.sanitize(in, q).message(), Section.ANSWER)).containsExactly(
                "old.example. DNAME new.example.", "host.old.example. CNAME host.new.example.",
                "host.new.example. A 192.0.2.7");
    }

    @Test
    void authority_keepsInBailiwickSoa_dropsOutOfBailiwickNs_andAdditionalKeepsOnlyGlueOfKeptNs() {
        Query q = Query.of("missing.example.com.", Type.A);
        Message in = response(q, Rcode.NXDOMAIN, List.of(),
                List.of("example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 60",
                        "example.com. NS ns.example.com.", "bank.example. NS ns.evil.example."),
                List.of("ns.example.com. A 192.0.2.53", "ns.evil.example. A 203.0.113.53",
                        "www.bank.example. A 203.0.113.66"));

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(texts(out.message(), Section.AUTHORITY)).containsExactly(
                "example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 60",
                "example.com. NS ns.example.com.");
        assertThat(texts(out.message(), Section.ADDITIONAL)).containsExactly("ns.example.com. A 192.0.2.53");
        assertThat(out.dropped()).isEqualTo(3);
        assertThat(out.message().getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void keepsTheOptRecord_andTheHeader() {
        Query q = Query.of("www.example.com.", Type.A);
        Message in = response(q, Rcode.NOERROR, List.of("www.example.com. A 192.0.2.1"), List.of(), List.of());
        in.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        in.getHeader().setID(4242);

        Message out = ResponseSanitizer.sanitize(in, q).message();

        assertThat(out.getOPT()).isNotNull();
        assertThat(out.getHeader().getID()).isEqualTo(4242);
        assertThat(ResponseSanitizer.sanitize(in, q).dropped()).isZero();
    }

    @Test
    void aCnameLoop_endsTheChain_withoutLoopingForever() {
        Query q = Query.of("a.example.", Type.A);
        Message in = response(q, Rcode.NOERROR,
                List.of("a.example. CNAME b.example.", "b.example. CNAME a.example.", "c.example. A 192.0.2.3"),
                List.of(), List.of());

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(texts(out.message(), Section.ANSWER))
                .containsExactly("a.example. CNAME b.example.", "b.example. CNAME a.example.");
        assertThat(ResponseSanitizer.chain(in, q)).hasSize(2);
    }

    @Test
    void aCnameQuery_doesNotFollowTheTarget() {
        Query q = Query.of("alias.example.", Type.CNAME);
        Message in = response(q, Rcode.NOERROR,
                List.of("alias.example. CNAME target.example.", "target.example. A 192.0.2.4"), List.of(), List.of());

        assertThat(texts(ResponseSanitizer.sanitize(in, q).message(), Section.ANSWER))
                .containsExactly("alias.example. CNAME target.example.");
    }

    @Test
    void theGivenMessage_isNotChanged() {
        Query q = Query.of("www.example.com.", Type.A);
        Message in = response(q, Rcode.NOERROR, List.of("www.example.com. A 192.0.2.1", "x.example. A 192.0.2.2"),
                List.of(), List.of());

        ResponseSanitizer.sanitize(in, q);

        assertThat(in.getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void truncatedMessage_announcingRecordsItDoesNotCarry_isRecountedAndReportedChanged() throws Exception {
        // found by fuzzing: TC=1, one A record, then 3 announced additional records that are not there;
        // dnsjava decodes it leniently and keeps the header's counts
        Query q = Query.of("www.example.com.", Type.A);
        byte[] wire = java.util.HexFormat.of().parseHex("00008380000100010000000303777777076578616d706c6503636f6d00"
                + "00010001c00c000100010000003c0004c0000201");
        Message in = new Message(wire);

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(out.dropped()).isEqualTo(3);
        assertThat(out.message().getHeader().getCount(Section.ADDITIONAL)).isZero();
        assertThat(texts(out.message(), Section.ANSWER)).containsExactly("www.example.com. A 192.0.2.1");
        assertThat(new Message(out.message().toWire()).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void authority_keepsTheSignedDenialOfTheZone_nsecAndNsec3AtOtherNames_forAValidatingAsker() {
        Query q = Query.of("nope.example.com.", Type.A).withDnssecOk(true);
        String sig = " 13 2 300 20300101000000 20200101000000 12345 example.com. AAAA";
        List<String> denial = List.of(
                "example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 60",
                "example.com. RRSIG SOA" + sig,
                "ns.example.com. NSEC www.example.com. A RRSIG NSEC",
                "ns.example.com. RRSIG NSEC" + sig,
                "gb093clfbnbl08077rbodjp7omr2magd.example.com. NSEC3 1 0 0 - kqnj144ffrt8upbt3mo7565ses429jtr A RRSIG",
                "gb093clfbnbl08077rbodjp7omr2magd.example.com. RRSIG NSEC3" + sig);
        Message in = response(q, Rcode.NXDOMAIN, List.of(), denial, List.of());

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(out.dropped()).isZero();
        assertThat(out.message().getSection(Section.AUTHORITY)).hasSize(denial.size());
    }

    @Test
    void authority_dropsDenialRecordsOfAZoneThatDoesNotHoldTheName() {
        Query q = Query.of("nope.example.com.", Type.A).withDnssecOk(true);
        Message in = response(q, Rcode.NXDOMAIN, List.of(), List.of(
                "example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 60",
                "a.bank.example. NSEC z.bank.example. A RRSIG NSEC",
                "a.bank.example. RRSIG NSEC 13 3 300 20300101000000 20200101000000 12345 bank.example. AAAA"),
                List.of());

        ResponseSanitizer.Result out = ResponseSanitizer.sanitize(in, q);

        assertThat(texts(out.message(), Section.AUTHORITY)).containsExactly(
                "example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 60");
        assertThat(out.dropped()).isEqualTo(2);
    }
}
