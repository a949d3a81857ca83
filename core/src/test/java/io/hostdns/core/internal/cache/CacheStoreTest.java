package io.hostdns.core.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CoalescingResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The store itself, below the public CachingResolver: what only a store shared over a coalescer shows. */
class CacheStoreTest {

    private final Query query = Query.of("shared.example.", Type.A);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Sinks.One<Answer>> pending = new AtomicReference<>();
    /** Each call waits on a fresh sink the test completes by hand. */
    private final Resolver upstream = q -> Mono.defer(() -> {
        calls.incrementAndGet();
        Sinks.One<Answer> sink = Sinks.one();
        pending.set(sink);
        return sink.asMono();
    });

    private void answer() throws Exception {
        Message m = query.toMessage(0x1234);
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(new ARecord(query.name(), query.dclass(), 60, InetAddress.getByName("192.0.2.1")),
                Section.ANSWER);
        pending.get().tryEmitValue(Answer.of(m, AnswerSource.upstream(
                new UpstreamId(0, Protocol.UDP, "127.0.0.1:53"))));
    }

    @Test
    void underACache_aMissReachingTheCoalescerAfterTheSharedCallStored_isAnsweredFromTheCache() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        CacheStore store = CacheStore.builder().ticker(() -> scheduler.now(TimeUnit.NANOSECONDS))
                .scheduler(scheduler).executor(Runnable::run).build();
        CacheStore.Over cached = (CacheStore.Over) store.over(new CoalescingResolver(upstream));
        // the second query has missed the store, and reaches its delegate only after the first one's shared
        // call stored its answer and left the coalescer: the race every burst of identical misses runs
        Mono<Answer> lateMiss = store.lookup(query, cached.storing());
        StepVerifier.create(cached.resolve(query)).then(() -> {
            try {
                answer();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));

        StepVerifier.create(lateMiss).assertNext(a -> assertThat(a.source().kind()).isEqualTo(
                AnswerSource.Kind.CACHE)).expectComplete().verify(Duration.ofSeconds(5));
        assertThat(calls).hasValue(1);
        store.dispose();
    }
}
