package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The transport-independent query path, with the query log recorded instead of printed. */
class QueryProcessorTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private final Queue<SubstituteLoggingEvent> lines = new ConcurrentLinkedQueue<>();
    private final RunningDnsServer.Counters counters = new RunningDnsServer.Counters();
    private final DefaultEventExecutor loop = new DefaultEventExecutor();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private QueryProcessor processor(Resolver resolver) {
        return processor(resolver, Level.DEBUG);
    }

    private QueryProcessor processor(Resolver resolver, @org.jspecify.annotations.Nullable Level level) {
        SubstituteLogger logger = new SubstituteLogger(QueryLog.LOGGER_NAME, lines, false);
        return new QueryProcessor(resolver, Duration.ofSeconds(1), 4096, Schedulers.parallel(), counters,
                new QueryLog(new EventRecordingLogger(logger, lines), level));
    }

    @Test
    void queryLog_followsTheConfiguredLevel_orWritesNothingWhenOff() throws Exception {
        byte[] request = DnsServerUdpTest.query("level.example.", Type.A).toWire();
        StepVerifier.create(processor(q -> Mono.just(Answers.a(q, "192.0.2.1")), Level.INFO)
                        .process(request, CLIENT, Protocol.UDP, loop))
                .expectNextCount(1).verifyComplete();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line.getLevel()).isEqualTo(Level.INFO));

        lines.clear();
        StepVerifier.create(processor(q -> Mono.just(Answers.a(q, "192.0.2.1")), null)
                        .process(request, CLIENT, Protocol.UDP, loop))
                .expectNextCount(1).verifyComplete();
        assertThat(lines).isEmpty();
    }

    @Test
    void process_writesOneDebugQueryLogLine_withClientNameTypeRcodeSourceAndAttempts() throws Exception {
        QueryProcessor processor = processor(q -> Mono.just(Answers.a(q, "192.0.2.1").withAttempts(2)));

        StepVerifier.create(processor.process(DnsServerUdpTest.query("Log.Example.", Type.A).toWire(), CLIENT, Protocol.TCP, loop))
                .assertNext(reply -> assertThat(reply).isNotEmpty())
                .verifyComplete();

        assertThat(lines).hasSize(1);
        SubstituteLoggingEvent line = lines.peek();
        assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(line.getLoggerName()).isEqualTo("io.hostdns.querylog");
        assertThat(line.getArgumentArray()).extracting(String::valueOf).startsWith("127.0.0.1:40000", "tcp",
                "Log.Example.", "A", "NOERROR", "upstream #000 udp 192.0.2.53:53", "2");
        assertThat(counters.snapshot().tcpQueries()).isEqualTo(1);
    }

    @Test
    void process_logsFailureKindAsSource_andAnswersServfail() throws Exception {
        QueryProcessor processor = processor(q -> Mono.error(new DnsUnreachableException(Answers.UPSTREAM, "network is unreachable", null)));

        byte[] reply = processor.process(DnsServerUdpTest.query("down.example.", Type.AAAA).toWire(), CLIENT, Protocol.UDP, loop)
                .block(Duration.ofSeconds(2));

        assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(lines).singleElement().satisfies(line ->
                assertThat(line.getArgumentArray()).extracting(String::valueOf).contains("SERVFAIL", "error:network", "AAAA"));
        assertThat(counters.snapshot().servfailOnError()).isEqualTo(1);
    }

    @Test
    void process_answersServfail_whenResolverCompletesEmptyOrThrows() throws Exception {
        QueryProcessor empty = processor(q -> Mono.empty());
        QueryProcessor throwing = processor(q -> {
            throw new IllegalStateException("bug in a resolver");
        });
        byte[] packet = DnsServerUdpTest.query("x.example.", Type.A).toWire();

        assertThat(new Message(empty.process(packet, CLIENT, Protocol.UDP, loop).block(Duration.ofSeconds(2))).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
        assertThat(new Message(throwing.process(packet, CLIENT, Protocol.UDP, loop).block(Duration.ofSeconds(2))).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void process_dropsPacketShorterThanHeader_withoutLogging() {
        StepVerifier.create(processor(q -> Mono.never()).process(new byte[5], CLIENT, Protocol.UDP, loop)).verifyComplete();

        assertThat(lines).isEmpty();
        assertThat(counters.snapshot().droppedMalformed()).isEqualTo(1);
    }
}
