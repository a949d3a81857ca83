package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.internal.guard.SanitizingResolver;
import io.hostdns.transport.internal.ResponseCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fuzzes what an upstream can send back: the bytes go through the client-side validation
 * ({@link ResponseCheck}, which must classify anything without throwing), the poisoning filter
 * ({@link SanitizingResolver}, which may only fail with {@link MalformedResponseException}) and the relay
 * to a client ({@link QueryProcessor}: a parseable reply within the client's 1232 bytes, SERVFAIL when the
 * answer cannot be relayed). Corpus: {@code src/test/resources/io/hostdns/transport/server/UpstreamAnswerFuzzTestInputs/}.
 */
class UpstreamAnswerFuzzTest {

    private static final ScheduledExecutorService LOOP = Executors.newSingleThreadScheduledExecutor();
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final Query QUERY = Query.of("www.example.com.", Type.A);
    private static final byte[] REQUEST;

    static {
        // no OPT record: the reply must fit the classic 512 bytes
        Message request = Message.newQuery(org.xbill.DNS.Record.newRecord(QUERY.name(), QUERY.type(), QUERY.dclass()));
        request.getHeader().setID(0x2A2A);
        REQUEST = request.toWire();
    }

    private final AtomicReference<byte[]> upstreamBytes = new AtomicReference<>(new byte[12]);
    private final QueryProcessor processor = new QueryProcessor(
            new SanitizingResolver(q -> Mono.fromSupplier(() -> Answer.of(upstreamBytes.get(),
                    AnswerSource.upstream(Answers.UPSTREAM)))),
            Duration.ofSeconds(1), 4096, Schedulers.immediate(), new RunningDnsServer.Counters());

    @AfterAll
    static void stopLoop() {
        LOOP.shutdownNow();
    }

    @FuzzTest(maxDuration = "10m")
    void upstreamBytes_areClassified_sanitisedOrRejected_andRelayedWithinLimits(byte[] wire) throws IOException {
        ResponseCheck.Verdict verdict = ResponseCheck.check(wire, QUERY);
        assertThat(verdict).isNotNull();
        assertThat(ResponseCheck.id(wire)).isBetween(-1, 0xFFFF);
        if (wire.length < 12 || verdict != ResponseCheck.Verdict.MATCH) {
            return; // a transport drops it: nothing reaches the pipeline
        }
        upstreamBytes.set(wire);
        byte[] reply = processor.process(REQUEST, CLIENT, Protocol.UDP, LOOP).block(Duration.ofSeconds(5));

        assertThat(reply).isNotNull();
        assertThat(reply.length).isLessThanOrEqualTo(512); // the request has no OPT: classic size
        Message parsed = new Message(reply);
        assertThat(parsed.getHeader().getID()).isEqualTo(0x2A2A);
        assertThat(parsed.getQuestion().getName()).isEqualTo(QUERY.name());
        for (int section = 1; section <= 3; section++) {
            // what the header announces is there (a relayed truncated answer included)
            assertThat(parsed.getSection(section)).hasSize(parsed.getHeader().getCount(section));
        }
        if (parsed.getRcode() == Rcode.NOERROR) {
            // relayed records are never off the question's chain
            assertThat(parsed.getSection(org.xbill.DNS.Section.ADDITIONAL))
                    .allMatch(r -> r.getType() == Type.OPT || r.getType() == Type.A || r.getType() == Type.AAAA);
        }
    }
}
