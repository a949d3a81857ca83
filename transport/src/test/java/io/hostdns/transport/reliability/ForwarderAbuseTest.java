package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.server.ClientRateLimit;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The guards as the real {@link HostDnsForwarder} assembles them: answers sanitised per upstream
 * (poisoned records stripped, undecodable answers failed over), spoofed replies dropped, the concurrency
 * cap and the client rate limit from the builder.
 */
class ForwarderAbuseTest {

    private static HostDnsForwarder start(List<FakeDnsServer> upstreams, UnaryOperator<
            io.hostdns.transport.forwarder.HostDnsForwarder.Builder> options) {
        HostDnsConfig config = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0")
                .resolvers(upstreams.stream().map(u -> "udp://127.0.0.1:" + u.port()).toArray(String[]::new))
                .build();
        return options.apply(HostDnsForwarder.builder(config).loopCheck(null)).start().block(Duration.ofSeconds(10));
    }

    private static Message ask(InetSocketAddress server, String name) throws Exception {
        SimpleResolver stub = new SimpleResolver(server);
        stub.setTimeout(Duration.ofSeconds(5));
        return stub.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    @Test
    void poisonedAndUndecodableAnswers_neverReachTheClient_theNextUpstreamAnswers() throws Exception {
        try (FakeDnsServer bad = FakeDnsServer.start(r -> r.name().startsWith("loop")
                     ? HostileResponses.pointerLoopInAnswer()
                     : FakeReply.sequence(FakeReply.wrongId(Responses.aFor(FaultMatrixTest.FORGED)),
                             HostileResponses.poisonedAdditional("192.0.2.1", "bank.example.", FaultMatrixTest.FORGED)));
             FakeDnsServer good = FakeDnsServer.start(r -> Responses.aFor("192.0.2.2"))) {
            HostDnsForwarder forwarder = start(List.of(bad, good), b -> b);
            try {
                InetSocketAddress server = forwarder.listenAddresses().get(0);
                Message poisoned = ask(server, "www.example.");
                Message looped = ask(server, "loop.example.");

                assertThat(poisoned.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(poisoned.toString()).doesNotContain(FaultMatrixTest.FORGED).doesNotContain("bank.example")
                        .contains("192.0.2.1");
                assertThat(looped.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(looped.toString()).contains("192.0.2.2").doesNotContain(FaultMatrixTest.FORGED);
            } finally {
                forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void builderLimits_capUpstreamQueries_andRateLimitClients() throws Exception {
        try (FakeDnsServer hole = FakeDnsServer.start(r -> r.name().startsWith("hole")
                ? FakeReply.drop() : Responses.aFor("192.0.2.1"))) {
            HostDnsForwarder forwarder = start(List.of(hole),
                    b -> b.maxUpstreamQueries(1).rateLimit(ClientRateLimit.of(0.05, 4)));
            try {
                InetSocketAddress server = forwarder.listenAddresses().get(0);
                byte[] first = Message.newQuery(Record.newRecord(Name.fromString("hole1.example."), Type.A,
                        DClass.IN)).toWire();
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(first, first.length, server)); // takes the only upstream slot
                    Await.until(Duration.ofSeconds(5), "the first query to reach the upstream",
                            () -> hole.requests().size() == 1);
                    Message refused = ask(server, "hole2.example.");
                    assertThat(refused.getRcode()).as("past the cap: at once").isEqualTo(Rcode.SERVFAIL);
                    assertThat(refused.toString()).contains("too many upstream queries");
                }
                // 2 of the 4-query burst are spent; the rest of a quick burst slips (TC=1)
                int slipped = 0;
                for (int i = 0; i < 6; i++) {
                    byte[] wire = Message.newQuery(Record.newRecord(Name.fromString("rl.example."), Type.A,
                            DClass.IN)).toWire();
                    byte[] reply = ServerProbe.udp(server, wire);
                    if (new Message(reply).getHeader().getFlag(Flags.TC)) {
                        slipped++;
                    }
                }
                assertThat(slipped).isEqualTo(4);
            } finally {
                forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
            }
        }
    }
}
