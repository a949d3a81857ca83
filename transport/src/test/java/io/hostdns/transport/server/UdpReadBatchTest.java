package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * UDP requests read in batches (recvmmsg, 8 at a time by default on epoll) and one by one (recvmsg): a burst is answered
 * whole, and both keep the same request size limit.
 */
class UdpReadBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int BURST = 200;

    private static ServerFixture answering(int batch) {
        return ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")), s -> s.udpReadBatch(batch));
    }

    @ParameterizedTest(name = "udpReadBatch {0}")
    @ValueSource(ints = {1, 8, 64})
    void burstFromOneSocket_isAnsweredWhole_eachReplyMatchingItsQuery(int batch) throws Exception {
        try (ServerFixture f = answering(batch);
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress(f.udp().getAddress(), 0))) {
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout((int) WAIT.toMillis());
            // all sent before any reply is read, so the server finds many queued at once
            for (int id = 1; id <= BURST; id++) {
                byte[] wire = request("q" + id + ".example.", id).toWire();
                socket.send(new DatagramPacket(wire, wire.length, f.udp()));
            }
            Map<Integer, String> answered = new HashMap<>();
            byte[] buffer = new byte[4096];
            while (answered.size() < BURST) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                Message message = new Message(java.util.Arrays.copyOf(buffer, reply.getLength()));
                assertThat(message.getRcode()).isEqualTo(Rcode.NOERROR);
                List<org.xbill.DNS.Record> answer = message.getSection(Section.ANSWER);
                assertThat(answer).hasSize(1);
                assertThat(((ARecord) answer.get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.1");
                answered.put(message.getHeader().getID(), message.getQuestion().getName().toString());
            }
            for (int id = 1; id <= BURST; id++) {
                assertThat(answered).containsEntry(id, "q" + id + ".example.");
            }
            assertThat(f.server.counters().formErr()).isZero();
        }
    }

    @ParameterizedTest(name = "udpReadBatch {0}")
    @ValueSource(ints = {1, 8, 64})
    void requestOf2048Bytes_isReadWhole(int batch) throws Exception {
        try (ServerFixture f = answering(batch)) {
            Message request = padded(7, 2048);

            Message reply = new Message(f.rawUdp(request.toWire(), WAIT));

            assertThat(reply.getHeader().getID()).isEqualTo(7);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getSection(Section.ANSWER)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "udpReadBatch {0}")
    @ValueSource(ints = {1, 8, 64})
    void requestLongerThan2048Bytes_isCutThere_andAnsweredFormerr_thenTheNextQueryIsAnswered(int batch)
            throws Exception {
        try (ServerFixture f = answering(batch)) {
            Message request = padded(8, 3000);

            Message reply = new Message(f.rawUdp(request.toWire(), WAIT));

            assertThat(reply.getHeader().getID()).isEqualTo(8);
            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            Message next = new Message(f.rawUdp(request("after.example.", 9).toWire(), WAIT));
            assertThat(next.getRcode()).isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void udpReadBatch_outside1to64_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DnsServer.create().udpReadBatch(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("udpReadBatch must be 1..64, was 0");
        assertThatThrownBy(() -> DnsServer.create().udpReadBatch(65))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("udpReadBatch must be 1..64, was 65");
    }

    private static Message request(String name, int id) throws Exception {
        Message request = DnsServerUdpTest.query(name, Type.A);
        request.getHeader().setID(id);
        return request;
    }

    /** A query for a.example. whose OPT record carries an EDNS padding option making it {@code size} bytes. */
    private static Message padded(int id, int size) throws Exception {
        Message bare = request("a.example.", id);
        bare.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        int padding = size - bare.toWire().length - 4; // the option's code and length
        Message request = request("a.example.", id);
        request.addRecord(new OPTRecord(1232, 0, 0, 0,
                List.of(new GenericEDNSOption(EDNSOption.Code.PADDING, new byte[padding]))), Section.ADDITIONAL);
        assertThat(request.toWire()).hasSize(size);
        return request;
    }
}
