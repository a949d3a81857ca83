package io.hostdns.benchmarks;

import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.transport.server.ServerPathFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * What {@link ServerFastPathBenchmark} measures: one request packet in, its reply bytes out, on the calling
 * thread. {@link #hostdns()} is the server's path for a cache hit (driven through transport's test fixture
 * {@link ServerPathFixture}: {@code QueryProcessor} with the server's default query timeout and UDP payload
 * limit, over a prewarmed {@link CachingResolver} whose delegate answers from memory and counts its calls);
 * {@link #dnsjavaMessage()} is the anchor (dnsjava parses the request and builds the reply from a known
 * record).
 */
abstract class ServerFastPath implements AutoCloseable {

    /** The request: A {@code h0001.bench.test.}, RD, EDNS with a 1232-byte payload, as {@code dig} sends it. */
    static final byte[] REQUEST = request();

    /** The reply to {@code request} over {@code protocol}, null when none was produced on this thread. */
    abstract byte @Nullable [] reply(byte[] request, Protocol protocol);

    @Override
    public abstract void close();

    private static byte[] request() {
        Message query = Message.newQuery(Record.newRecord(BenchZone.name(1), Type.A, DClass.IN));
        query.getHeader().setID(0x2b1c);
        query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        return query.toWire();
    }

    private static ARecord record() {
        return new ARecord(BenchZone.name(1), DClass.IN, BenchZone.TTL, BenchZone.ipv4(1));
    }

    /** The hostdns server path over a cache that already holds the answer. */
    static ServerFastPath hostdns() {
        return new Hostdns();
    }

    /** The dnsjava anchor: parse the request, build and write the reply. */
    static ServerFastPath dnsjavaMessage() {
        return new DnsjavaMessage();
    }

    private static final class Hostdns extends ServerFastPath {

        private final AtomicInteger delegateCalls = new AtomicInteger();
        private final CachingResolver cache;
        private final ServerPathFixture server;

        Hostdns() {
            Query query = Query.of(BenchZone.name(1), Type.A);
            Message response = query.toMessage(0x1234);
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setFlag(Flags.AA);
            response.addRecord(record(), Section.ANSWER);
            Answer upstreamAnswer = Answer.of(response,
                    AnswerSource.upstream(new UpstreamId(0, Protocol.UDP, "127.0.0.1:53")));
            Resolver delegate = q -> Mono.fromSupplier(() -> {
                delegateCalls.incrementAndGet();
                return upstreamAnswer;
            });
            this.cache = CachingResolver.builder(delegate).build();
            this.server = ServerPathFixture.over(cache);
            // prewarm: the first request is a miss answered by the delegate, on this thread
            byte[] first = reply(REQUEST, Protocol.UDP);
            byte[] second = reply(REQUEST, Protocol.UDP);
            if (first == null || second == null || delegateCalls.get() != 1) {
                close();
                throw new IllegalStateException("the prewarmed request was not answered from the cache: delegate calls "
                        + delegateCalls.get());
            }
        }

        @Override
        byte @Nullable [] reply(byte[] request, Protocol protocol) {
            return server.reply(request, protocol);
        }

        @Override
        public void close() {
            server.close();
            cache.dispose();
            if (delegateCalls.get() != 1 || server.servfailOnError() != 0) {
                throw new IllegalStateException("delegate calls " + delegateCalls.get() + ", SERVFAILs "
                        + server.servfailOnError() + ": not a cache-hit measurement");
            }
        }

        @Override
        public String toString() {
            return "hostdns server path (QueryProcessor) over a prewarmed CachingResolver";
        }
    }

    private static final class DnsjavaMessage extends ServerFastPath {

        private final ARecord cached = record();

        @Override
        byte @Nullable [] reply(byte[] request, Protocol protocol) {
            Message query;
            try {
                query = new Message(request);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Message reply = new Message(query.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setFlag(Flags.RA);
            if (query.getHeader().getFlag(Flags.RD)) {
                reply.getHeader().setFlag(Flags.RD);
            }
            reply.addRecord(query.getQuestion(), Section.QUESTION);
            reply.addRecord(cached, Section.ANSWER);
            OPTRecord opt = query.getOPT();
            int limit = 512;
            if (opt != null) {
                limit = Math.max(512, opt.getPayloadSize());
                reply.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            }
            return reply.toWire(protocol == Protocol.UDP ? limit : 65535);
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
