package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/** Requests the server must not resolve: FORMERR, NOTIMP, garbage, and clients outside the ACL. */
class DnsServerMalformedTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private static ServerFixture answering() {
        return ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")));
    }

    @Test
    void formerr_forTwoQuestions() throws Exception {
        try (ServerFixture f = answering()) {
            Message request = DnsServerUdpTest.query("a.example.", Type.A);
            request.addRecord(Record.newRecord(Name.fromString("b.example."), Type.A, DClass.IN), Section.QUESTION);
            request.getHeader().setID(4242);

            Message reply = new Message(f.rawUdp(request.toWire(), WAIT));

            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(reply.getHeader().getID()).isEqualTo(4242);
            assertThat(f.server.counters().formErr()).isEqualTo(1);
        }
    }

    @Test
    void formerr_forResponseSentAsRequest() throws Exception {
        try (ServerFixture f = answering()) {
            Message request = DnsServerUdpTest.query("a.example.", Type.A);
            request.getHeader().setFlag(Flags.QR);

            assertThat(new Message(f.rawUdp(request.toWire(), WAIT)).getRcode()).isEqualTo(Rcode.FORMERR);
        }
    }

    @Test
    void formerr_forHeaderWhoseQuestionIsMissing() throws Exception {
        try (ServerFixture f = answering()) {
            byte[] headerOnly = {0x01, 0x02, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0};

            Message reply = new Message(f.rawUdp(headerOnly, WAIT));

            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(reply.getHeader().getID()).isEqualTo(0x0102);
        }
    }

    @Test
    void notimp_forUpdateAndNotify_withOpcodeEchoed() throws Exception {
        try (ServerFixture f = answering()) {
            for (int opcode : List.of(Opcode.UPDATE, Opcode.NOTIFY)) {
                Message request = DnsServerUdpTest.query("example.", Type.SOA);
                request.getHeader().setOpcode(opcode);

                Message reply = new Message(f.rawUdp(request.toWire(), WAIT));

                assertThat(reply.getRcode()).isEqualTo(Rcode.NOTIMP);
                assertThat(reply.getHeader().getOpcode()).isEqualTo(opcode);
            }
            assertThat(f.server.counters().notImp()).isEqualTo(2);
        }
    }

    @Test
    void garbage_isDropped_andServerStillAnswersNextQuery() throws Exception {
        try (ServerFixture f = answering()) {
            assertThat(f.rawUdp(new byte[] {1, 2, 3}, Duration.ofMillis(300))).isNull();

            Message next = f.send(DnsServerUdpTest.query("after.example.", Type.A), false);

            assertThat(next.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(f.server.counters().droppedMalformed()).isEqualTo(1);
        }
    }

    @Test
    void acl_refusesUdpClientOutsideAllowedNetworks() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.acl(ClientAcl.of(List.of("10.0.0.0/8"))))) {
            Message reply = f.send(DnsServerUdpTest.query("a.example.", Type.A), false);

            assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(reply.getSectionArray(Section.ANSWER)).isEmpty();
            assertThat(f.server.counters().refusedByAcl()).isEqualTo(1);
        }
    }
}
