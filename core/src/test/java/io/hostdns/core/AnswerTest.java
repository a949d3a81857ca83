package io.hostdns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswerTest {

    private final Query query = Query.of("host.example.", Type.A);

    @Test
    void rcodeAndMinTtl_comeFromTheResponse() {
        Answer ok = TestAnswers.a(query, "192.0.2.7", 300);
        assertThat(ok.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ok.minTtl()).isEqualTo(300);
        assertThat(ok.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
        assertThat(ok.attempts()).isEqualTo(1);
    }

    @Test
    void negativeMinTtl_isTheSmallerOfSoaTtlAndMinimum() {
        assertThat(TestAnswers.nxdomain(query, 900, 60).minTtl()).isEqualTo(60);
        assertThat(TestAnswers.nxdomain(query, 30, 600).minTtl()).isEqualTo(30);
        assertThat(TestAnswers.rcode(query, Rcode.NXDOMAIN).minTtl()).isEqualTo(Answer.NO_TTL);
    }

    @Test
    void isImmutable_inputArrayCopied_messageCopiesIndependent() {
        byte[] bytes = TestAnswers.a(query, "192.0.2.7", 300).wireBytes();
        Answer answer = Answer.of(bytes, AnswerSource.CACHE);
        bytes[3] = (byte) Rcode.SERVFAIL;
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);

        Message first = answer.message();
        first.removeAllRecords(Section.ANSWER);
        assertThat(answer.message().getSectionArray(Section.ANSWER)).hasSize(1);
        assertThat(answer.wire().isReadOnly()).isTrue();
    }

    @Test
    void withCopies_changeOnlyTheirField() {
        Answer answer = TestAnswers.a(query, "192.0.2.7", 300);
        Answer copy = answer.withAttempts(3).withElapsed(Duration.ofMillis(12)).withSource(AnswerSource.STALE).withId(0xBEEF);
        assertThat(copy.attempts()).isEqualTo(3);
        assertThat(copy.elapsed()).isEqualTo(Duration.ofMillis(12));
        assertThat(copy.source()).isEqualTo(AnswerSource.STALE);
        assertThat(copy.id()).isEqualTo(0xBEEF);
        assertThat(copy.message().getSectionArray(Section.ANSWER)).isEqualTo(answer.message().getSectionArray(Section.ANSWER));
        assertThat(answer.id()).isEqualTo(0);
    }

    @Test
    void malformedBytes_failOnDecode_withTypedError() {
        byte[] garbage = new byte[20];
        garbage[5] = 9; // claims 9 questions that are not there
        Answer answer = Answer.of(garbage, AnswerSource.upstream(TestAnswers.UPSTREAM));
        assertThatThrownBy(answer::message).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("#000 udp 192.0.2.1:53");
        assertThatThrownBy(() -> Answer.of(new byte[3], AnswerSource.LOCAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upstreamIdAndSources_renderLikeStatusLines() {
        assertThat(new UpstreamId(7, Protocol.TLS, "1.1.1.1:853")).hasToString("#007 tls 1.1.1.1:853");
        assertThat(AnswerSource.upstream(TestAnswers.UPSTREAM)).hasToString("upstream #000 udp 192.0.2.1:53");
        assertThatThrownBy(() -> new AnswerSource(AnswerSource.Kind.UPSTREAM, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
