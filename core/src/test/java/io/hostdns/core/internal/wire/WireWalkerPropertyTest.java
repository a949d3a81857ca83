package io.hostdns.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The wire walker against dnsjava's parser: on random valid responses ({@link RandomMessages}) it finds
 * the records dnsjava finds, with the same owners, types, classes and TTLs, and reads or rewrites TTLs as
 * the cache needs; on the same responses with one byte changed, every name it accepts is one dnsjava
 * reads the same way.
 */
class WireWalkerPropertyTest {

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.randomValue(RandomMessages::message);
    }

    @Property(tries = 400)
    void walker_findsTheRecordsDnsjavaFinds(@ForAll("messages") Message message) throws Exception {
        byte[] wire = message.toWire();
        Message parsed = new Message(wire);
        List<Record> records = records(parsed);
        Record question = parsed.getQuestion();

        int nameEnd = WireQuestion.firstNameEnd(wire, wire.length);
        assertThat(WireName.length(wire, 12, wire.length)).isEqualTo(question.getName().length());
        assertThat(WireQuestion.asksOnly(wire, wire.length, question.getName().toWire(), 0, question.getType(),
                question.getDClass())).isTrue();
        assertThat(WireName.hashLowerCase(wire, 12, nameEnd))
                .isEqualTo(Arrays.hashCode(question.getName().toWireCanonical()));
        int pos = WireQuestion.sectionEnd(wire, wire.length);
        assertThat(WireHeader.recordCount(wire)).isEqualTo(records.size());
        for (Record record : records) {
            int fixed = WireRecord.fixedPart(wire, pos, wire.length);
            int end = WireRecord.end(wire, fixed, wire.length);
            assertThat(end).as("record %s", record).isPositive();
            assertThat(WireName.length(wire, pos, wire.length)).isEqualTo(record.getName().length());
            assertThat(WireName.equalsIgnoreCase(wire, pos, record.getName().toWire(), 0)).isTrue();
            assertThat(WireName.equalsIgnoreCase(wire, pos, question.getName().toWire(), 0))
                    .isEqualTo(record.getName().equals(question.getName()));
            assertThat(WireRecord.type(wire, fixed)).isEqualTo(record.getType());
            assertThat(WireRecord.dclass(wire, fixed)).isEqualTo(record.getDClass());
            if (!(record instanceof OPTRecord)) {
                assertThat(WireRecord.ttl(wire, fixed)).isEqualTo(record.getTTL());
            }
            if (record instanceof SOARecord soa) {
                // the first name of SOA RDATA, compressed or not, is walked like any other
                int host = WireName.skip(wire, WireRecord.rdata(fixed), end);
                assertThat(WireName.equalsIgnoreCase(wire, WireRecord.rdata(fixed), soa.getHost().toWire(), 0)).isTrue();
                assertThat(host).isPositive();
            }
            pos = end;
        }
        assertThat(pos).isEqualTo(wire.length);
    }

    @Property(tries = 400)
    void ttlScanAndRewrite_agreeWithDnsjava(@ForAll("messages") Message message) throws Exception {
        byte[] wire = message.toWire();
        Message parsed = new Message(wire);
        WireTtls.Summary summary = WireTtls.scan(wire);

        assertThat(summary).isNotNull();
        assertThat(summary.answerCount()).isEqualTo(parsed.getSection(Section.ANSWER).size());
        assertThat(summary.minTtl()).isEqualTo(expectedMinTtl(parsed));
        assertThat(summary.negativeTtl()).isEqualTo(expectedNegativeTtl(parsed));
        OPTRecord opt = parsed.getOPT();
        assertThat(summary.extendedRcode()).isEqualTo(opt == null ? 0 : opt.getExtendedRcode());
        assertThat(summary.optStart() < 0).isEqualTo(opt == null);

        byte[] rewritten = wire.clone();
        WireTtls.rewrite(rewritten, 4242);
        List<Record> before = records(parsed);
        List<Record> after = records(new Message(rewritten));
        for (int i = 0; i < before.size(); i++) {
            Record was = before.get(i);
            Record is = after.get(i);
            assertThat(is.rdataToString()).isEqualTo(was.rdataToString());
            assertThat(is.getTTL()).isEqualTo(was instanceof OPTRecord ? was.getTTL() : 4242);
            if (was instanceof RRSIGRecord sig) {
                assertThat(((RRSIGRecord) is).getOrigTTL()).isEqualTo(sig.getOrigTTL());
            }
        }
    }

    @Property(tries = 300)
    void everyNameTheWalkerAccepts_dnsjavaReadsTheSame(@ForAll("messages") Message message,
                                                       @ForAll long corruption) throws Exception {
        byte[] wire = message.toWire();
        Random random = new Random(corruption);
        wire[12 + random.nextInt(wire.length - 12)] = (byte) random.nextInt(256);
        for (int offset = 12; offset < wire.length; offset++) {
            int end = WireName.skip(wire, offset, wire.length);
            if (end < 0) {
                continue;
            }
            DNSInput in = new DNSInput(wire);
            in.jump(offset);
            Name name = new Name(in);
            assertThat(in.current()).as("end of the name at %d", offset).isEqualTo(end);
            assertThat(WireName.length(wire, offset, wire.length)).isEqualTo(name.length());
            assertThat(WireName.equalsIgnoreCase(wire, offset, name.toWire(), 0)).isTrue();
        }
    }

    private static List<Record> records(Message m) {
        List<Record> all = new ArrayList<>();
        for (int section = Section.ANSWER; section <= Section.ADDITIONAL; section++) {
            all.addAll(m.getSection(section));
        }
        return all;
    }

    private static long expectedMinTtl(Message m) {
        return records(m).stream().limit(m.getSection(Section.ANSWER).size() + m.getSection(Section.AUTHORITY).size())
                .mapToLong(Record::getTTL).min().orElse(-1);
    }

    private static long expectedNegativeTtl(Message m) {
        return m.getSection(Section.AUTHORITY).stream().filter(r -> r.getType() == Type.SOA).findFirst()
                .map(r -> Math.min(r.getTTL(), ttl(((SOARecord) r).getMinimum()))).orElse(-1L);
    }

    private static long ttl(long field) {
        return field > Integer.MAX_VALUE ? 0 : field;
    }
}
