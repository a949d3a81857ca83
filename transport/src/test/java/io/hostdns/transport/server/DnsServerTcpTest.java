package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.transport.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The server over TCP: framing, pipelining, timeouts, caps and the ACL. */
class DnsServerTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private static byte[] query(String name, int id) throws Exception {
        Message m = DnsServerUdpTest.query(name, Type.A);
        m.getHeader().setID(id);
        return m.toWire();
    }

    @Test
    void tcp_answersA_withDnsjavaTcpClient() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.9")))) {
            Message response = f.send(DnsServerUdpTest.query("tcp.example.", Type.A), true);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getSectionArray(Section.ANSWER)).hasSize(1);
            assertThat(f.server.counters().tcpQueries()).isEqualTo(1);
        }
    }

    @Test
    void tcp_neverTruncates_largeAnswer() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.largeTxt(q, 40)))) {
            Message response = f.send(DnsServerUdpTest.query("big.example.", Type.TXT), true);

            assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(response.getSectionArray(Section.ANSWER)).hasSize(40);
        }
    }

    @Test
    void tcp_answersPipelinedQueries_asTheyComplete() throws Exception {
        // q0 is the slowest and q9 the fastest: answers come back in reverse order
        try (ServerFixture f = ServerFixture.start(q -> {
            int index = q.name().getLabelString(0).charAt(1) - '0';
            return Mono.delay(Duration.ofMillis(30L * (10 - index))).thenReturn(Answers.a(q, "192.0.2." + index));
        }); RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            byte[][] queries = new byte[10][];
            for (int i = 0; i < 10; i++) {
                queries[i] = query("q" + i + ".example.", 100 + i);
            }
            client.send(queries);

            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Message reply = new Message(client.read());
                ids.add(reply.getHeader().getID());
                assertThat(reply.getQuestion().getName().getLabelString(0))
                        .isEqualTo("q" + (reply.getHeader().getID() - 100));
            }
            assertThat(ids).containsExactlyInAnyOrder(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
            assertThat(ids.get(0)).isEqualTo(109);
        }
    }

    @Test
    void tcp_stopsReadingPastQueriesInFlightCap_untilOneCompletes() throws Exception {
        Queue<Sinks.One<Answer>> pending = new ConcurrentLinkedQueue<>();
        Queue<io.hostdns.core.Query> asked = new ConcurrentLinkedQueue<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        try (ServerFixture f = ServerFixture.start(q -> {
            Sinks.One<Answer> sink = Sinks.one();
            asked.add(q);
            pending.add(sink);
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            return sink.asMono();
        }, s -> s.maxTcpQueriesPerConnection(2)); RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            // one write: the five frames reach the server in one read, so a server without the cap would
            // start them all at once, long before the test answers the first one
            client.send(query("a0.example.", 1), query("a1.example.", 2), query("a2.example.", 3),
                    query("a3.example.", 4), query("a4.example.", 5));
            awaitSize(pending, 2);
            assertThat(pending).hasSize(2);

            for (int answered = 0; answered < 5; answered++) {
                awaitSize(pending, 1);
                Sinks.One<Answer> next = pending.poll();
                running.decrementAndGet(); // before the answer: it lets the server start the next query at once
                next.tryEmitValue(Answers.a(asked.poll(), "192.0.2.1"));
                assertThat(new Message(client.read()).getRcode()).isEqualTo(Rcode.NOERROR);
            }
            assertThat(mostRunning).as("queries the server had started at once").hasValue(2);
        }
    }

    @Test
    void tcp_keepsConnection_whenCompleteQueriesWaitForAFreeSlotLongerThanReadTimeout() throws Exception {
        try (ServerFixture f = ServerFixture.start(
                q -> Mono.delay(Duration.ofMillis(250)).thenReturn(Answers.a(q, "192.0.2.1")),
                s -> s.maxTcpQueriesPerConnection(1).tcpReadTimeout(Duration.ofMillis(100)));
             RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            client.send(query("w0.example.", 1), query("w1.example.", 2), query("w2.example.", 3));

            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(new Message(client.read()).getHeader().getID());
            }
            assertThat(ids).containsExactly(1, 2, 3);
        }
    }

    @Test
    void tcp_closesIdleConnection_afterIdleTimeout() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.tcpIdleTimeout(Duration.ofMillis(300))); RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            client.send(query("idle.example.", 7));
            assertThat(new Message(client.read()).getHeader().getID()).isEqualTo(7);

            long start = System.nanoTime();
            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void tcp_closesConnection_whenFrameDoesNotCompleteWithinReadTimeout() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.tcpReadTimeout(Duration.ofMillis(200))); RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            client.writeRaw(new byte[] {0, 40, 1, 2}); // announces 40 bytes, sends 2

            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void tcp_closesConnectionsPastTheCap() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.maxTcpConnections(1)); RawTcp first = new RawTcp(f.tcp(), WAIT)) {
            first.send(query("first.example.", 1));
            assertThat(first.read()).isNotEmpty();

            try (RawTcp second = new RawTcp(f.tcp(), WAIT)) {
                assertThat(second.closedByServer()).isTrue();
            }
            first.send(query("again.example.", 2));
            assertThat(new Message(first.read()).getHeader().getID()).isEqualTo(2);
            assertThat(f.server.counters().tcpConnectionsRejected()).isEqualTo(1);
        }
    }

    @Test
    void tcp_closesConnectionFromClientOutsideAcl() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.1")),
                s -> s.acl(ClientAcl.of(List.of("10.0.0.0/8", "fd00::/8")))); RawTcp client = new RawTcp(f.tcp(), WAIT)) {
            assertThat(client.closedByServer()).isTrue();
            assertThat(f.server.counters().refusedByAcl()).isEqualTo(1);
        }
    }

    private static void awaitSize(Queue<?> queue, int size) {
        Await.until(WAIT, size + " queries started", () -> queue.size() >= size);
        assertThat(queue).hasSizeGreaterThanOrEqualTo(size);
    }
}
