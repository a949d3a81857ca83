package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * The server's abuse limits, each driven through real sockets: per-client rate limit (slip and refuse),
 * ACL over UDP, reply size against the client's advertised EDNS size, many slow senders at once, and the
 * loopback-only defaults.
 */
class ServerAbuseLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private static byte[] query(String name, int id) throws Exception {
        Message m = DnsServerUdpTest.query(name, Type.A);
        m.getHeader().setID(id);
        return m.toWire();
    }

    @Test
    void rateLimit_slip_answersTcOverUdp_andTheSameClientGetsItsAnswerOverTcp() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.7")),
                s -> s.rateLimit(ClientRateLimit.of(0.05, 3)))) {
            int answered = 0;
            int slipped = 0;
            for (int i = 0; i < 10; i++) {
                Message reply = new Message(f.rawUdp(query("rl.example.", 100 + i), WAIT));
                assertThat(reply.getHeader().getID()).isEqualTo(100 + i);
                if (reply.getHeader().getFlag(Flags.TC)) {
                    assertThat(reply.getSection(Section.ANSWER)).isEmpty();
                    slipped++;
                } else {
                    assertThat(reply.getSection(Section.ANSWER)).hasSize(1);
                    answered++;
                }
            }
            assertThat(answered).isEqualTo(3);
            assertThat(slipped).isEqualTo(7);

            // dnsjava's SimpleResolver retries over TCP on TC=1, like every honest stub
            Message viaRetry = f.send(DnsServerUdpTest.query("rl.example.", Type.A), false);
            assertThat(viaRetry.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(viaRetry.getSection(Section.ANSWER)).hasSize(1);
            assertThat(f.server.counters().rateLimited()).isEqualTo(8);
            assertThat(f.server.counters().tcpQueries()).isEqualTo(1);
        }
    }

    @Test
    void rateLimit_refuse_answersRefusedOverUdpAndTcp() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.7")),
                s -> s.rateLimit(ClientRateLimit.of(0.05, 2).withOverLimit(ClientRateLimit.OverLimit.REFUSE)))) {
            List<Integer> rcodes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rcodes.add(new Message(f.rawUdp(query("rl.example.", i), WAIT)).getRcode());
            }
            Message overTcp = f.send(DnsServerUdpTest.query("rl.example.", Type.A), true);

            assertThat(rcodes).containsExactly(Rcode.NOERROR, Rcode.NOERROR, Rcode.REFUSED, Rcode.REFUSED,
                    Rcode.REFUSED);
            assertThat(overTcp.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(f.server.counters().rateLimited()).isEqualTo(4);
        }
    }

    @Test
    void acl_refusesUdpClientsOutsideTheAllowedNetworks_withoutAskingThePipeline() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (ServerFixture f = ServerFixture.start(q -> {
            asked.incrementAndGet();
            return Mono.just(Answers.a(q, "192.0.2.7"));
        }, s -> s.acl(ClientAcl.of(List.of("10.0.0.0/8", "fd00::/8"))))) {
            Message reply = new Message(f.rawUdp(query("acl.example.", 7), WAIT));

            assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(reply.getSection(Section.ANSWER)).isEmpty();
            assertThat(asked).hasValue(0);
            assertThat(f.server.counters().refusedByAcl()).isEqualTo(1);
        }
    }

    @Test
    void udpReply_neverExceedsTheClientsAdvertisedSize_forALargeAnswer() throws Exception {
        // ~8.6 KB of TXT: larger than any UDP size a client may ask for here
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.largeTxt(q, 40)))) {
            for (int size : new int[] {0, 512, 1232, 1400, 4096, 65535}) {
                Message m = DnsServerUdpTest.query("big.example.", Type.TXT);
                if (size > 0) {
                    m.addRecord(new OPTRecord(size, 0, 0), Section.ADDITIONAL);
                }
                byte[] reply = f.rawUdp(m.toWire(), WAIT);
                int allowed = size == 0 ? 512 : Math.min(Math.max(size, 512), 4096);

                assertThat(reply).as("client size %d", size).isNotNull();
                assertThat(reply.length).as("client size %d", size).isLessThanOrEqualTo(allowed);
                assertThat(new Message(reply).getHeader().getFlag(Flags.TC)).as("client size %d", size).isTrue();
            }
            assertThat(f.server.counters().truncated()).isEqualTo(6);
        }
    }

    @Test
    void manySlowSenders_areClosedAfterTheReadTimeout_whileOthersAreStillServed() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.7")),
                s -> s.tcpReadTimeout(Duration.ofMillis(300)).maxTcpConnections(64))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket s = new Socket();
                    s.connect(f.tcp(), 2000);
                    s.setSoTimeout(3000);
                    s.getOutputStream().write(new byte[] {0, 40, 1, 2, 3}); // 40 bytes announced, 3 sent
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                Message meanwhile = f.send(DnsServerUdpTest.query("ok.example.", Type.A), true);
                assertThat(meanwhile.getRcode()).isEqualTo(Rcode.NOERROR);

                for (Socket s : slow) {
                    assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void defaults_listenOnLoopbackOnly_andAdmitLoopbackClientsOnly() throws Exception {
        HostDnsConfig config = HostDnsConfig.defaults();
        assertThat(config.listenAddresses()).isNotEmpty();
        for (ListenAddress listen : config.listenAddresses()) {
            // Talos binds loopback, plus the link-local pod-facing address when forwardKubeDNSToHost is on
            assertThat(listen.address().isLoopbackAddress() || listen.address().isLinkLocalAddress())
                    .as(listen.toString()).isTrue();
        }
        ClientAcl acl = ClientAcl.loopback();
        assertThat(acl.allows(InetAddress.getByName("127.0.0.53"))).isTrue();
        assertThat(acl.allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(acl.allows(InetAddress.getByName("192.168.1.10"))).isFalse();
        assertThat(acl.allows(InetAddress.getByName("169.254.116.108"))).isFalse();
    }
}
