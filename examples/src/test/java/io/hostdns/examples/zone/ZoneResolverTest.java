package io.hostdns.examples.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class ZoneResolverTest {

    private final ZoneResolver demo = DemoZone.resolver();

    private Message ask(String name, int type) {
        Answer[] answer = new Answer[1];
        StepVerifier.create(demo.resolve(Query.of(name, type)))
                .consumeNextWith(a -> answer[0] = a)
                .verifyComplete();
        assertThat(answer[0].source()).isEqualTo(AnswerSource.LOCAL);
        return answer[0].message();
    }

    private static List<String> rdata(Message m, int section) {
        return m.getSection(section).stream().map(Record::rdataToString).toList();
    }

    @Test
    void a_answersAuthoritatively_withTheZoneRecords() {
        Message m = ask("www.demo.test", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(rdata(m, Section.ANSWER)).containsExactly("192.0.2.10");
        assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
    }

    @Test
    void aaaaTxtAndMx_answerFromTheZone() {
        assertThat(rdata(ask("www.demo.test", Type.AAAA), Section.ANSWER)).containsExactly("2001:db8:0:0:0:0:0:10");
        assertThat(rdata(ask("hello.demo.test", Type.TXT), Section.ANSWER))
                .containsExactly("\"hello from the hostdns demo zone\"");
        assertThat(rdata(ask("demo.test", Type.MX), Section.ANSWER)).containsExactly("10 mail.demo.test.");
    }

    @Test
    void cname_isFollowedInsideTheZone() {
        Message m = ask("api.demo.test", Type.A);
        List<Record> answers = m.getSection(Section.ANSWER);
        assertThat(answers).extracting(Record::getType).containsExactly(Type.CNAME, Type.A);
        assertThat(answers.get(1).rdataToString()).isEqualTo("192.0.2.10");
    }

    @Test
    void missingName_isNxdomainWithTheSoaAndItsNegativeTtl() {
        Message m = ask("nope.demo.test", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        List<Record> authority = m.getSection(Section.AUTHORITY);
        assertThat(authority).hasSize(1);
        assertThat(authority.get(0)).isInstanceOf(SOARecord.class);
        assertThat(authority.get(0).getTTL()).isEqualTo(30); // min(SOA TTL 300, MINIMUM 30), RFC 2308
    }

    @Test
    void missingType_isNodataWithTheSoa() {
        Message m = ask("v4only.demo.test", Type.AAAA);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        assertThat(m.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void nameOutsideTheZone_isRefused() {
        Message m = ask("example.com", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void resolve_isLazy_andEachSubscriptionAnswersAgain() {
        var mono = demo.resolve(Query.of("www.demo.test", Type.A));
        StepVerifier.create(mono).expectNextCount(1).verifyComplete();
        StepVerifier.create(mono).expectNextCount(1).verifyComplete();
    }
}
