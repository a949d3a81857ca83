package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.CachedLookup;
import io.hostdns.benchmarks.upstream.BenchZone;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CachingResolver;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * hostdns' cache hit: a {@link CachingResolver} with default options in front of a delegate that answers
 * A for {@code h0001.bench.test.} (TTL 86400, clamped to the 1 h maximum) from memory; prewarmed with one
 * miss, then each {@link #lookup()} is {@code resolve(query).subscribe(capture)} on the calling thread.
 * The delegate counts its calls, so a lookup that is not a hit fails the run.
 */
public final class HostdnsCachedLookup implements CachedLookup {

    private final Query query = Query.of(BenchZone.name(1), Type.A);
    private final AtomicInteger delegateCalls = new AtomicInteger();
    private final CachingResolver cache;

    public HostdnsCachedLookup() {
        Answer upstreamAnswer = Answer.of(response(query),
                AnswerSource.upstream(new UpstreamId(0, Protocol.UDP, "127.0.0.1:53")));
        Resolver delegate = q -> Mono.fromSupplier(() -> {
            delegateCalls.incrementAndGet();
            return upstreamAnswer;
        });
        this.cache = CachingResolver.builder(delegate).build();
        lookup();
        Answer hit = (Answer) lookup();
        if (delegateCalls.get() != 1 || hit.source().kind() != AnswerSource.Kind.CACHE) {
            throw new IllegalStateException("the prewarmed lookup was not a cache hit: " + hit
                    + ", delegate calls " + delegateCalls.get());
        }
    }

    private static Message response(Query query) {
        Message response = query.toMessage(0x1234);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(new ARecord(query.name(), DClass.IN, BenchZone.TTL, BenchZone.ipv4(1)), Section.ANSWER);
        return response;
    }

    @Override
    public Object lookup() {
        SyncCapture capture = new SyncCapture();
        cache.resolve(query).subscribe(capture);
        return capture.answer();
    }

    @Override
    public void close() {
        cache.dispose();
        if (delegateCalls.get() != 1) {
            throw new IllegalStateException("the delegate was asked " + delegateCalls.get()
                    + " times: some lookups were misses, the result is not a cache-hit measurement");
        }
    }
}
