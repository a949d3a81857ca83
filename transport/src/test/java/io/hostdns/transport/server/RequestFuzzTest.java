package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fuzzes what a client can send the server: request bytes go through the decoder and the whole request
 * handling ({@link QueryProcessor}) over UDP and TCP, against a pipeline that answers TXT queries with
 * ~8.6 KB. Whatever the bytes: no exception escapes; fewer than 12 bytes are dropped, anything else gets
 * a reply that dnsjava can parse, with the request's ID and QR set, never larger than the client's UDP
 * size (at least 512, at most the server's 4096) over UDP nor 65535 over TCP. Corpus:
 * {@code src/test/resources/io/hostdns/transport/server/RequestFuzzTestInputs/}.
 */
class RequestFuzzTest {

    private static final ScheduledExecutorService LOOP = Executors.newSingleThreadScheduledExecutor();
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final Resolver PIPELINE = q -> Mono.just(q.type() == Type.TXT ? Answers.largeTxt(q, 40)
            : Answers.a(q, "192.0.2.7"));

    private final QueryProcessor processor = new QueryProcessor(PIPELINE, Duration.ofSeconds(1), 4096,
            Schedulers.immediate(), new RunningDnsServer.Counters());

    @AfterAll
    static void stopLoop() {
        LOOP.shutdownNow();
    }

    @FuzzTest(maxDuration = "10m")
    void request_getsAReplyOrIsDropped_neverAnExceptionNorAnOversizedReply(byte[] packet) throws IOException {
        for (Protocol protocol : new Protocol[] {Protocol.UDP, Protocol.TCP}) {
            byte[] reply = processor.process(packet, CLIENT, protocol, LOOP).block(Duration.ofSeconds(5));
            if (packet.length < 12) {
                assertThat(reply).isNull();
                continue;
            }
            assertThat(reply).isNotNull();
            int limit = protocol == Protocol.TCP ? 65535 : Math.min(4096, clientUdpSize(packet));
            assertThat(reply.length).isLessThanOrEqualTo(limit);
            Message parsed = new Message(reply);
            assertThat(parsed.getHeader().getID()).isEqualTo(((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF));
            assertThat(parsed.getHeader().getFlag(Flags.QR)).isTrue();
        }
    }

    /** The client's size as the decoder read it (512 without a usable OPT record). */
    private static int clientUdpSize(byte[] packet) {
        DnsRequest request = RequestDecoder.decode(packet);
        return request == null ? 512 : request.udpPayloadSize();
    }
}
