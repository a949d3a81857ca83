package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/** The server over UDP, with dnsjava's SimpleResolver and raw datagrams as clients. */
class DnsServerUdpTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    @Test
    void udp_answersA_roundTripWithDnsjavaClient() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.7")))) {
            Message response = f.send(query("www.example.com.", Type.A), false);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
            Record[] answers = response.getSectionArray(Section.ANSWER);
            assertThat(answers).hasSize(1);
            assertThat(((ARecord) answers[0]).getAddress().getHostAddress()).isEqualTo("192.0.2.7");
            assertThat(f.server.counters().udpQueries()).isEqualTo(1);
        }
    }

    @Test
    void udp_echoesClientIdAndExactMixedCaseQuestion_whenAnswerIsLowerCase() throws Exception {
        try (ServerFixture f = ServerFixture.start(
                q -> Mono.just(Answers.a(Query.of(q.name().toString().toLowerCase(), q.type()), "192.0.2.8")))) {
            Message request = query("WwW.ExAmPlE.CoM.", Type.A);
            request.getHeader().setID(0x1234);
            byte[] wire = request.toWire();

            byte[] reply = f.rawUdp(wire, WAIT);

            assertThat(reply).isNotNull();
            assertThat(Arrays.copyOfRange(reply, 0, 2)).containsExactly(0x12, 0x34);
            assertThat(Arrays.copyOfRange(reply, 12, wire.length)).containsExactly(Arrays.copyOfRange(wire, 12, wire.length));
            Message parsed = new Message(reply);
            assertThat(parsed.getQuestion().getName().toString()).isEqualTo("WwW.ExAmPlE.CoM.");
            assertThat(parsed.getHeader().getFlag(Flags.RD)).isTrue();
            assertThat(parsed.getSectionArray(Section.ANSWER)).hasSize(1);
        }
    }

    @Test
    void udp_passesNxdomainAndServfailAnswersThrough_withoutCountingThemAsErrors() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.rcode(q,
                q.name().toString().startsWith("nx") ? Rcode.NXDOMAIN : Rcode.SERVFAIL)))) {
            assertThat(f.send(query("nx.example.", Type.A), false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(f.send(query("fail.example.", Type.A), false).getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(f.server.counters().servfailOnError()).isZero();
        }
    }

    @Test
    void udp_answersServfailWithEde22_whenPipelineTimesOut() throws Exception {
        try (ServerFixture f = ServerFixture.start(
                q -> Mono.error(new DnsTimeoutException(Answers.UPSTREAM, Duration.ofSeconds(2))))) {
            Message response = ednsClient(f, 1232).send(query("slow.example.", Type.A));

            assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(ede(response).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY);
            assertThat(f.server.counters().servfailOnError()).isEqualTo(1);
        }
    }

    @Test
    void udp_answersServfailWithEde22AndCancelsPipeline_whenServerQueryTimeoutPasses() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        try (ServerFixture f = ServerFixture.start(q -> Mono.never().doOnCancel(() -> cancelled.set(true)).cast(
                io.hostdns.core.Answer.class), s -> s.queryTimeout(Duration.ofMillis(200)))) {
            Message response = ednsClient(f, 1232).send(query("never.example.", Type.A));

            assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(ede(response).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY);
            assertThat(cancelled).isTrue();
        }
    }

    @Test
    void udp_answersServfailWithEde23_onNetworkError_andEde22WithText_whenAllUpstreamsDown() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> q.name().toString().startsWith("net")
                ? Mono.error(new DnsNetworkException(Answers.UPSTREAM, "connection refused", null))
                : Mono.error(new AllUpstreamsDownException(List.of(Answers.UPSTREAM))))) {
            Message network = ednsClient(f, 1232).send(query("net.example.", Type.A));
            Message allDown = ednsClient(f, 1232).send(query("down.example.", Type.A));

            assertThat(network.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(ede(network).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NETWORK_ERROR);
            assertThat(ede(allDown).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY);
            assertThat(ede(allDown).getText()).contains("all upstreams are down");
        }
    }

    @Test
    void udp_answersServfailWithoutOpt_whenClientHasNoEdns() throws Exception {
        try (ServerFixture f = ServerFixture.start(
                q -> Mono.error(new DnsTimeoutException(null, Duration.ofSeconds(4))))) {
            byte[] reply = f.rawUdp(query("slow.example.", Type.A).toWire(), WAIT);

            Message parsed = new Message(reply);
            assertThat(parsed.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(parsed.getOPT()).isNull();
        }
    }

    @Test
    void udp_truncatesLargeAnswer_toClientEdnsSizeOrClassic512() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.largeTxt(q, 10)))) {
            Message withOpt = query("big.example.", Type.TXT);
            withOpt.addRecord(new OPTRecord(512, 0, 0), Section.ADDITIONAL);
            byte[] small = f.rawUdp(withOpt.toWire(), WAIT);
            byte[] classic = f.rawUdp(query("big.example.", Type.TXT).toWire(), WAIT);
            Message roomy = query("big.example.", Type.TXT);
            roomy.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
            byte[] full = f.rawUdp(roomy.toWire(), WAIT);

            assertThat(small.length).isLessThanOrEqualTo(512);
            Message truncated = new Message(small);
            assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
            assertThat(truncated.getSectionArray(Section.ANSWER)).hasSizeLessThan(10);
            assertThat(truncated.getOPT()).isNotNull();
            assertThat(classic.length).isLessThanOrEqualTo(512);
            assertThat(new Message(classic).getHeader().getFlag(Flags.TC)).isTrue();
            assertThat(new Message(classic).getOPT()).isNull();
            assertThat(new Message(full).getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(new Message(full).getSectionArray(Section.ANSWER)).hasSize(10);
            assertThat(f.server.counters().truncated()).isEqualTo(2);
        }
    }

    private static SimpleResolver ednsClient(ServerFixture f, int size) {
        SimpleResolver client = f.client(false);
        client.setEDNS(0, size, 0, List.of());
        return client;
    }

    static ExtendedErrorCodeOption ede(Message response) {
        OPTRecord opt = response.getOPT();
        assertThat(opt).as("OPT record").isNotNull();
        List<EDNSOption> options = opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertThat(options).hasSize(1);
        return (ExtendedErrorCodeOption) options.get(0);
    }
}
