package io.hostdns.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.TestAnswers;
import io.hostdns.core.Upstream;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SanitizingResolverTest {

    private final Query query = Query.of("www.example.com.", Type.A);

    @Nested
    class Contract extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return new SanitizingResolver(upstream.resolver());
        }
    }

    private Answer poisoned(AnswerSource source) throws Exception {
        Message m = TestAnswers.reply(query, Rcode.NOERROR);
        m.addRecord(new ARecord(query.name(), DClass.IN, 60, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
        m.addRecord(new ARecord(Name.fromString("bank.example."), DClass.IN, 86400,
                InetAddress.getByName("203.0.113.66")), Section.ADDITIONAL);
        return Answer.of(m, source);
    }

    @Test
    void upstreamAnswer_losesTheUnrelatedRecord_andKeepsSourceAndAttempts() throws Exception {
        Answer dirty = poisoned(AnswerSource.upstream(TestAnswers.UPSTREAM)).withAttempts(2)
                .withElapsed(Duration.ofMillis(7));
        SanitizingResolver resolver = new SanitizingResolver(q -> Mono.just(dirty));

        StepVerifier.create(resolver.resolve(query)).assertNext(a -> {
            assertThat(a.message().getSection(Section.ADDITIONAL)).noneMatch(r -> r.getType() == Type.A);
            assertThat(a.message().getSection(Section.ANSWER)).hasSize(1);
            assertThat(a.source()).isEqualTo(dirty.source());
            assertThat(a.attempts()).isEqualTo(2);
            assertThat(a.elapsed()).isEqualTo(Duration.ofMillis(7));
        }).verifyComplete();
        assertThat(resolver.recordsDropped()).isEqualTo(1);
        assertThat(resolver.answersChanged()).isEqualTo(1);
    }

    @Test
    void cleanAnswer_keepsItsRecords_andCountsNothingDropped() {
        Answer clean = TestAnswers.a(query, "192.0.2.1", 60);
        SanitizingResolver resolver = new SanitizingResolver(q -> Mono.just(clean));

        StepVerifier.create(resolver.resolve(query))
                .assertNext(a -> assertThat(a.message().toString()).isEqualTo(clean.message().toString()))
                .verifyComplete();
        assertThat(resolver.recordsDropped()).isZero();
        assertThat(resolver.answersChanged()).isZero();
    }

    @Test
    void cleanAddressAnswer_isPassedOnAsItCame_withoutADecodeOrReencode() {
        Answer clean = TestAnswers.a(query, "192.0.2.1", 60).withAttempts(2);
        SanitizingResolver resolver = new SanitizingResolver(q -> Mono.just(clean));

        StepVerifier.create(resolver.resolve(query)).assertNext(a -> assertThat(a).isSameAs(clean)).verifyComplete();
        assertThat(resolver.answersChanged()).isZero();
    }

    @Test
    void compressionPointerIntoTheHeader_isReplacedByAFreshEncoding() {
        // found by fuzzing: the A record's owner ends with a pointer to offset 0 (the header's first byte,
        // 0x00 in the upstream's ID): valid for dnsjava here, garbage once a server rewrites the ID
        byte[] wire = java.util.HexFormat.of().parseHex("000081800001000100000000037777770765786"
                + "16d706c6503636f6d0000010001" + "03777777076578616d706c6503636f6dc000" + "000100010000003c0004c0000201");
        Answer tricky = Answer.of(wire, AnswerSource.upstream(TestAnswers.UPSTREAM));

        StepVerifier.create(new SanitizingResolver(q -> Mono.just(tricky)).resolve(query)).assertNext(a -> {
            byte[] out = a.wireBytes();
            out[0] = 0x2A; // what a server does to the header: the records must not change meaning
            out[1] = 0x2A;
            assertThat(a.message().getSection(Section.ANSWER)).hasSize(1);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new Message(out))).isNull();
        }).verifyComplete();
    }

    @Test
    void localAnswers_arePassedThroughUntouched() throws Exception {
        Answer local = poisoned(AnswerSource.HOSTS);
        SanitizingResolver resolver = new SanitizingResolver(q -> Mono.just(local));

        StepVerifier.create(resolver.resolve(query)).assertNext(a -> assertThat(a).isSameAs(local)).verifyComplete();
    }

    @Test
    void undecodableUpstreamAnswer_failsTyped_whateverItsRcode() {
        // found by fuzzing: YXDOMAIN with a CNAME whose RDLENGTH (64) exceeds its target name (17 bytes)
        byte[] wire = java.util.HexFormat.of().parseHex("000081d6000100010000000003777777076578616d706c6503636f6d00"
                + "00010001c00c000500010000003c004003777777076578616d706c65036e657400" + "00".repeat(47));
        Answer bad = Answer.of(wire, AnswerSource.upstream(TestAnswers.UPSTREAM));
        SanitizingResolver resolver = new SanitizingResolver(q -> Mono.just(bad));

        StepVerifier.create(resolver.resolve(query))
                .expectError(io.hostdns.core.MalformedResponseException.class).verify(Duration.ofSeconds(1));
    }
}
