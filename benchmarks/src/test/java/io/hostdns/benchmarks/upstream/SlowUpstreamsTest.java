package io.hostdns.benchmarks.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The hedging benchmark's slow upstreams: one answers late, the other never (test thread, loopback, bounded). */
class SlowUpstreamsTest {

    private static DatagramPacket ask(DatagramSocket socket, BenchUpstream upstream, int index) throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(BenchZone.name(index), Type.A, DClass.IN)).toWire();
        socket.send(new DatagramPacket(query, query.length, upstream.address()));
        return new DatagramPacket(new byte[512], 512);
    }

    @Test
    void delayingResponder_answersCorrectly_noEarlierThanItsDelay() throws Exception {
        try (DelayingResponder responder = DelayingResponder.start(150);
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3_000);
            long start = System.nanoTime();
            DatagramPacket reply = ask(socket, responder, 7);
            socket.receive(reply);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            Message response = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
            assertThat(response.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(BenchZone.ipv4(7)));
            assertThat(responder.dropped()).isZero();
            assertThat(responder.label()).contains("150 ms").contains("127.0.0.1");
        }
    }

    @Test
    void blackHole_neverAnswers() throws Exception {
        try (BlackHole hole = BlackHole.start();
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(300);
            DatagramPacket reply = ask(socket, hole, 7);
            boolean answered;
            try {
                socket.receive(reply);
                answered = true;
            } catch (SocketTimeoutException expected) {
                answered = false;
            }
            assertThat(answered).isFalse();
            assertThat(hole.address().getAddress().isLoopbackAddress()).isTrue();
        }
    }
}
