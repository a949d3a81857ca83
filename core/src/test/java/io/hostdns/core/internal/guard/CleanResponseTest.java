package io.hostdns.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The sanitizer's wire fast path: taken for plain clean answers, and never for one the full sanitizer would change. */
class CleanResponseTest {

    private static final Name ZONE = name("example.");
    private static final Name HOST = name("www.example.");
    private static final Query QUERY = Query.of(HOST, Type.A);

    private static Name name(String text) {
        try {
            return Name.fromString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Message reply(Query query, int rcode) {
        Message m = new Message(0x1234);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RD);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        m.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        return m;
    }

    private static SOARecord soa(Name owner) {
        try {
            return new SOARecord(owner, DClass.IN, 300, Name.fromString("ns1", owner), Name.fromString("admin", owner),
                    1, 3600, 600, 86400, 60);
        } catch (IOException e) {
            throw new IllegalArgumentException(owner.toString(), e);
        }
    }

    private static boolean clean(Message m, Query query) {
        return CleanResponse.isClean(m.toWire(), query);
    }

    @Test
    void plainAddressAnswers_withOrWithoutOpt_areClean() {
        Message a = reply(QUERY, Rcode.NOERROR);
        a.addRecord(new ARecord(HOST, DClass.IN, 60, address("192.0.2.1")), Section.ANSWER);
        a.addRecord(new ARecord(HOST, DClass.IN, 60, address("192.0.2.2")), Section.ANSWER);
        assertThat(clean(a, QUERY)).isTrue();
        a.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        assertThat(clean(a, QUERY)).isTrue();

        Query aaaa = Query.of(HOST, Type.AAAA);
        Message six = reply(aaaa, Rcode.NOERROR);
        six.addRecord(new AAAARecord(HOST, DClass.IN, 60, address("2001:db8::1")), Section.ANSWER);
        assertThat(clean(six, aaaa)).isTrue();
    }

    @Test
    void anAuthoritativeAnswer_withTheZonesNsAndTheirGlue_isClean() {
        // what NSD sends by default: the answer, the zone's NS in authority and their addresses in additional
        Message m = reply(QUERY, Rcode.NOERROR);
        m.addRecord(new ARecord(HOST, DClass.IN, 60, address("192.0.2.1")), Section.ANSWER);
        m.addRecord(new NSRecord(ZONE, DClass.IN, 60, name("ns1.example.")), Section.AUTHORITY);
        m.addRecord(new NSRecord(ZONE, DClass.IN, 60, name("ns2.example.")), Section.AUTHORITY);
        m.addRecord(new ARecord(name("ns1.example."), DClass.IN, 60, address("192.0.2.53")), Section.ADDITIONAL);
        m.addRecord(new AAAARecord(name("ns2.example."), DClass.IN, 60, address("2001:db8::53")), Section.ADDITIONAL);
        m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        assertThat(clean(m, QUERY)).isTrue();
    }

    @Test
    void negativeAnswers_withTheZonesSoa_areClean_andTheNameMayDifferInCase() {
        Message nx = reply(QUERY, Rcode.NXDOMAIN);
        nx.addRecord(soa(ZONE), Section.AUTHORITY);
        assertThat(clean(nx, QUERY)).isTrue();
        assertThat(clean(nx, Query.of(name("WWW.Example."), Type.A))).isTrue();

        Message servfail = reply(QUERY, Rcode.SERVFAIL);
        assertThat(clean(servfail, QUERY)).isTrue();
    }

    @Test
    void anythingTheFullSanitizerWouldChangeOrDecode_isNotClean() {
        Message poisoned = reply(QUERY, Rcode.NOERROR);
        poisoned.addRecord(new ARecord(HOST, DClass.IN, 60, address("192.0.2.1")), Section.ANSWER);
        poisoned.addRecord(new ARecord(name("bank.example."), DClass.IN, 60, address("203.0.113.66")),
                Section.ADDITIONAL);
        assertThat(clean(poisoned, QUERY)).as("unrelated glue").isFalse();

        Message otherOwner = reply(QUERY, Rcode.NOERROR);
        otherOwner.addRecord(new ARecord(name("bank.example."), DClass.IN, 60, address("203.0.113.66")),
                Section.ANSWER);
        assertThat(clean(otherOwner, QUERY)).as("answer for another name").isFalse();

        Message chain = reply(QUERY, Rcode.NOERROR);
        chain.addRecord(new CNAMERecord(HOST, DClass.IN, 60, name("web.example.")), Section.ANSWER);
        chain.addRecord(new ARecord(name("web.example."), DClass.IN, 60, address("192.0.2.3")), Section.ANSWER);
        assertThat(clean(chain, QUERY)).as("a CNAME chain").isFalse();

        Message foreignSoa = reply(QUERY, Rcode.NXDOMAIN);
        foreignSoa.addRecord(soa(name("other.test.")), Section.AUTHORITY);
        assertThat(clean(foreignSoa, QUERY)).as("an SOA out of bailiwick").isFalse();

        Message foreignNs = reply(QUERY, Rcode.NOERROR);
        foreignNs.addRecord(new NSRecord(name("other.test."), DClass.IN, 60, name("ns1.other.test.")),
                Section.AUTHORITY);
        assertThat(clean(foreignNs, QUERY)).as("an NS out of bailiwick").isFalse();

        Message strayGlue = reply(QUERY, Rcode.NOERROR);
        strayGlue.addRecord(new NSRecord(ZONE, DClass.IN, 60, name("ns1.example.")), Section.AUTHORITY);
        strayGlue.addRecord(new ARecord(name("ns2.example."), DClass.IN, 60, address("192.0.2.54")),
                Section.ADDITIONAL);
        assertThat(clean(strayGlue, QUERY)).as("an address no NS names").isFalse();

        Message options = reply(QUERY, Rcode.NOERROR);
        options.addRecord(new OPTRecord(1232, 0, 0, 0, List.<EDNSOption>of(new GenericEDNSOption(65001,
                new byte[] {1, 2}))), Section.ADDITIONAL);
        assertThat(clean(options, QUERY)).as("OPT with options").isFalse();

        Message chaos = reply(QUERY, Rcode.NOERROR);
        chaos.addRecord(new ARecord(HOST, DClass.CH, 60, address("192.0.2.1")), Section.ANSWER);
        assertThat(clean(chaos, QUERY)).as("another class").isFalse();

        Message truncated = reply(QUERY, Rcode.NOERROR);
        truncated.getHeader().setFlag(Flags.TC);
        assertThat(clean(truncated, QUERY)).as("TC=1").isFalse();

        Message update = reply(QUERY, Rcode.NOERROR);
        update.getHeader().setOpcode(Opcode.UPDATE);
        assertThat(clean(update, QUERY)).as("not a QUERY response").isFalse();

        Message a = reply(QUERY, Rcode.NOERROR);
        a.addRecord(new ARecord(HOST, DClass.IN, 60, address("192.0.2.1")), Section.ANSWER);
        assertThat(clean(a, Query.of(name("mail.example."), Type.A))).as("another question").isFalse();
        assertThat(clean(a, Query.of(HOST, Type.MX))).as("a type without a fast path").isFalse();
        byte[] trailing = java.util.Arrays.copyOf(a.toWire(), a.toWire().length + 1);
        assertThat(CleanResponse.isClean(trailing, QUERY)).as("a byte after the last record").isFalse();
    }

    @Test
    void compressionPointerIntoTheHeader_isNotClean() {
        // the sanitizer's fuzz case: the A record's owner ends with a pointer to offset 0
        byte[] wire = HexFormat.of().parseHex("000081800001000100000000037777770765786"
                + "16d706c6503636f6d0000010001" + "03777777076578616d706c6503636f6dc000" + "000100010000003c0004c0000201");
        assertThat(CleanResponse.isClean(wire, Query.of(name("www.example.com."), Type.A))).isFalse();
    }

    @Test
    void everyCleanResponse_decodes_losesNothingToTheSanitizer_andSurvivesAnIdRewrite() throws IOException {
        Random random = new Random(14);
        int clean = 0;
        for (int i = 0; i < 20_000; i++) {
            Query query = Query.of(HOST, random.nextBoolean() ? Type.A : Type.AAAA);
            byte[] wire = randomResponse(random, query).toWire();
            if (random.nextInt(3) == 0) {
                wire[random.nextInt(wire.length)] = (byte) random.nextInt(256); // a corrupted byte
            }
            if (!CleanResponse.isClean(wire, query)) {
                continue;
            }
            clean++;
            Message decoded = new Message(wire);
            assertThat(ResponseSanitizer.sanitize(decoded, query).dropped()).as(HexFormat.of().formatHex(wire))
                    .isZero();
            byte[] rewritten = wire.clone();
            rewritten[0] = 0x2A;
            rewritten[1] = 0x2A;
            for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
                assertThat(new Message(rewritten).getSection(section)).isEqualTo(decoded.getSection(section));
            }
        }
        assertThat(clean).as("the generator makes clean responses too").isGreaterThan(2_000);
    }

    /** Mostly clean answers, with now and then one of what makes a response unclean. */
    private static Message randomResponse(Random random, Query query) {
        Message m = reply(query, random.nextInt(4) == 0 ? Rcode.NXDOMAIN : Rcode.NOERROR);
        List<Record> answers = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            Name owner = random.nextInt(8) == 0 ? name("other.example.") : HOST;
            int dclass = random.nextInt(10) == 0 ? DClass.CH : DClass.IN;
            answers.add(random.nextBoolean() ? new ARecord(owner, dclass, 60, address("192.0.2." + n))
                    : new AAAARecord(owner, dclass, 60, address("2001:db8::" + n)));
        }
        answers.forEach(r -> m.addRecord(r, Section.ANSWER));
        if (random.nextInt(3) == 0) {
            Name[] owners = {ZONE, HOST, Name.root, name("test."), name("sub.www.example.")};
            m.addRecord(soa(owners[random.nextInt(owners.length)]), Section.AUTHORITY);
        }
        if (random.nextInt(4) == 0) {
            Name[] owners = {ZONE, name("test."), HOST};
            m.addRecord(new NSRecord(owners[random.nextInt(owners.length)], DClass.IN, 60, name("ns1.example.")),
                    Section.AUTHORITY);
        }
        if (random.nextBoolean()) {
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        if (random.nextInt(4) == 0) {
            Name glue = random.nextInt(4) == 0 ? name("ns2.example.") : name("ns1.example.");
            m.addRecord(new ARecord(glue, DClass.IN, 60, address("192.0.2.53")), Section.ADDITIONAL);
        }
        return m;
    }
}
