package io.hostdns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Protocol;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Both paths of the server fast-path benchmark produce the same, correct reply to its request. */
class ServerFastPathTest {

    private static void assertCorrectReply(byte[] wire) throws Exception {
        Message reply = new Message(wire);
        assertThat(reply.getHeader().getID()).isEqualTo(0x2b1c);
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getQuestion().getName()).isEqualTo(BenchZone.name(1));
        assertThat(reply.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(BenchZone.ipv4(1)));
        assertThat(reply.getOPT()).isNotNull();
    }

    @Test
    void hostdnsPath_answersFromTheCache_onTheCallingThread() throws Exception {
        try (ServerFastPath path = ServerFastPath.hostdns()) {
            for (int i = 0; i < 3; i++) {
                assertCorrectReply(path.reply(ServerFastPath.REQUEST, Protocol.UDP));
            }
        } // close() fails unless the delegate was asked exactly once (every later request was a hit)
    }

    @Test
    void dnsjavaAnchor_buildsTheSameAnswer() throws Exception {
        try (ServerFastPath path = ServerFastPath.dnsjavaMessage()) {
            assertCorrectReply(path.reply(ServerFastPath.REQUEST, Protocol.UDP));
        }
    }

    @Test
    void benchmarkOp_countsNoFailure_onAHit() {
        ServerFastPathBenchmark benchmark = new ServerFastPathBenchmark();
        ServerFastPathBenchmark.Replies replies = new ServerFastPathBenchmark.Replies();
        benchmark.setUp();
        try {
            assertThat(benchmark.reply(replies)).isNotNull();
        } finally {
            benchmark.tearDown();
        }
        assertThat(replies.failures).isZero();
    }
}
