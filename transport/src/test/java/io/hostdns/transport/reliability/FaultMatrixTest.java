package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import io.hostdns.transport.udp.UdpDnsClient;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * The fault matrix (docs/fault-matrix.md): one faulty upstream first, a healthy one second, a stub asking
 * through the whole forwarding path. For every fault the stub gets a correct answer (192.0.2.1 from the
 * faulty upstream when it eventually answers right, 192.0.2.2 from the healthy one) within a loose bound,
 * never the forged 192.0.2.66, the faulty client's counters record the fault, and no query stays pending.
 */
class FaultMatrixTest {

    private static final String GOOD_FAULTY = "192.0.2.1";
    private static final String GOOD_HEALTHY = "192.0.2.2";
    static final String FORGED = "192.0.2.66";
    private static final Name OTHER = Name.fromConstantString("other.example.");

    /** One row: the fault the first upstream plays, what the stub may receive, and what its client counted. */
    record Row(String fault, FakeReply script, Set<String> acceptable, Duration within, Predicate<UdpDnsClient.Stats> counted) {
        @Override
        public String toString() {
            return fault;
        }
    }

    private static final Set<String> FIRST = Set.of(GOOD_FAULTY);
    private static final Set<String> NEXT = Set.of(GOOD_HEALTHY);
    private static final Set<String> EITHER = Set.of(GOOD_FAULTY, GOOD_HEALTHY);
    private static final Duration FAST = Duration.ofMillis(1000);
    private static final Duration AFTER_ATTEMPT_TIMEOUT = ForwardingPipeline.ATTEMPT_TIMEOUT.plusMillis(1000);

    static Stream<Arguments> faults() {
        FakeReply good = Responses.aFor(GOOD_FAULTY);
        FakeReply forged = Responses.aFor(FORGED);
        return Stream.of(
                new Row("black hole (no reply)", FakeReply.drop(), NEXT, AFTER_ATTEMPT_TIMEOUT,
                        s -> s.sent() >= 1 && s.accepted() == 0),
                new Row("slow (300 ms)", FakeReply.delay(Duration.ofMillis(300), good), EITHER, AFTER_ATTEMPT_TIMEOUT,
                        s -> s.sent() >= 1),
                new Row("SERVFAIL", FakeReply.servfail(), NEXT, FAST, s -> s.accepted() >= 1),
                new Row("REFUSED", FakeReply.refused(), NEXT, FAST, s -> s.accepted() >= 1),
                // the TCP retry of a loaded box may outlast the 400 ms attempt: then the next upstream answers
                new Row("truncated (TC=1, full answer over TCP)", FakeReply.truncated(good), EITHER, AFTER_ATTEMPT_TIMEOUT,
                        s -> s.truncatedRetries() >= 1),
                new Row("TCP connection closed mid-exchange after TC=1",
                        FakeReply.truncated(FakeReply.closeConnection()), NEXT, AFTER_ATTEMPT_TIMEOUT,
                        s -> s.truncatedRetries() >= 1),
                new Row("spoofed ID, then the genuine reply", FakeReply.sequence(FakeReply.wrongId(forged), good),
                        FIRST, FAST, s -> s.droppedUnknownId() >= 1),
                new Row("wrong question, then the genuine reply",
                        FakeReply.sequence(FakeReply.wrongQuestion(forged, OTHER), good), FIRST, FAST,
                        s -> s.droppedWrongQuestion() >= 1),
                // a connected UDP socket never even receives it: the kernel filters it
                new Row("reply from another port, then the genuine reply",
                        FakeReply.sequence(FakeReply.fromOtherPort(forged), FakeReply.delay(Duration.ofMillis(30), good)),
                        FIRST, FAST, s -> s.accepted() == 1),
                new Row("garbage bytes, then the genuine reply",
                        FakeReply.sequence(FakeReply.garbage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}),
                                good), FIRST, FAST, s -> s.dropped() >= 1),
                new Row("compression loop in the question, then the genuine reply",
                        FakeReply.sequence(HostileResponses.pointerLoopInQuestion(), good), FIRST, FAST,
                        s -> s.droppedMalformed() >= 1),
                // found by fuzzing: this used to throw on the event loop and fail every query of the socket
                new Row("header-only reply with the pending ID, then the genuine reply",
                        FakeReply.sequence(HostileResponses.headerOnly(), good), FIRST, FAST,
                        s -> s.droppedMalformed() >= 1),
                new Row("compression loop in an answer record", HostileResponses.pointerLoopInAnswer(), NEXT, FAST,
                        s -> s.accepted() >= 1),
                new Row("oversized (~6 KB over UDP)", HostileResponses.oversized(300, GOOD_FAULTY), EITHER,
                        AFTER_ATTEMPT_TIMEOUT, s -> s.sent() >= 1),
                new Row("poisoned: unrelated records beside the answer",
                        HostileResponses.poisonedAdditional(GOOD_FAULTY, "bank.example.", FORGED), FIRST, FAST,
                        s -> s.accepted() == 1)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void fault_givesACorrectAnswer_inTime_countsIt_andLeavesNothingPending(Row row) throws Exception {
        try (FakeDnsServer faulty = FakeDnsServer.start(request -> row.script());
             FakeDnsServer healthy = FakeDnsServer.start(request -> Responses.aFor(GOOD_HEALTHY));
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(faulty.address(), healthy.address()))) {
            StubResult result = StubResult.ask(pipeline, "fault.example.", false);

            assertThat(result.rcode()).as(row.fault()).isEqualTo(Rcode.NOERROR);
            assertThat(result.addresses()).as(row.fault()).isNotEmpty().isSubsetOf(row.acceptable())
                    .doesNotContain(FORGED);
            assertThat(result.rendered()).as(row.fault()).doesNotContain(FORGED).doesNotContain("bank.example");
            assertThat(result.elapsed()).as(row.fault()).isLessThan(row.within());
            assertThat(row.counted()).as(row.fault() + ": " + pipeline.clients.get(0).stats())
                    .accepts(pipeline.clients.get(0).stats());
            assertThat(pipeline.server.counters().servfailOnError()).isZero();
            Settled.nothingPending(pipeline);
        }
    }

    /** The stub's transport does not change the upstream side: three rows over TCP suffice. */
    static Stream<Arguments> someFaults() {
        return faults().filter(a -> {
            String fault = ((Row) a.get()[0]).fault();
            return fault.startsWith("spoofed") || fault.startsWith("SERVFAIL") || fault.startsWith("poisoned");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("someFaults")
    void fault_overTcpFromTheStub_givesTheSameCorrectAnswer(Row row) throws Exception {
        try (FakeDnsServer faulty = FakeDnsServer.start(request -> row.script());
             FakeDnsServer healthy = FakeDnsServer.start(request -> Responses.aFor(GOOD_HEALTHY));
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(faulty.address(), healthy.address()))) {
            StubResult result = StubResult.ask(pipeline, "fault.example.", true);

            assertThat(result.addresses()).isNotEmpty().isSubsetOf(row.acceptable()).doesNotContain(FORGED);
            Settled.nothingPending(pipeline);
        }
    }

    /** An address nobody listens on: a UDP socket bound and closed (the kernel answers ICMP port unreachable). */
    static InetSocketAddress closedPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
    }
}
