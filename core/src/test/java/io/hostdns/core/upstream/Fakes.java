package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Scripted fake upstreams for combinator, group and health tests: lambdas {@code q -> Mono...} that
 * count their calls and cancellations and keep the queries they were asked.
 */
public final class Fakes {

    public static final Query QUERY = Query.of("example.com.", Type.A);

    private Fakes() {
    }

    /** {@code #00i udp 10.0.0.(i+1):53}. */
    public static UpstreamId id(int i) {
        return new UpstreamId(i, Protocol.UDP, "10.0.0." + (i + 1) + ":53");
    }

    /** A response from upstream {@code i} with {@code rcode}. */
    public static Answer answer(int i, int rcode) {
        Message message = QUERY.toMessage(4242);
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setRcode(rcode);
        return Answer.of(message, AnswerSource.upstream(id(i)));
    }

    /** A fake upstream {@code i} that runs {@code behaviour} for each call. */
    public static Fake fake(int i, Resolver behaviour) {
        return new Fake(id(i), behaviour);
    }

    /** Upstream {@code i} answering {@code rcode} after {@code delay} on {@code scheduler}. */
    public static Fake answering(int i, int rcode, Duration delay, Scheduler scheduler) {
        return fake(i, q -> Mono.delay(delay, scheduler).map(t -> answer(i, rcode)));
    }

    /** Upstream {@code i} answering {@code rcode} at once. */
    public static Fake answering(int i, int rcode) {
        return fake(i, q -> Mono.just(answer(i, rcode)));
    }

    /** Upstream {@code i} failing with {@code error} after {@code delay} on {@code scheduler}. */
    public static Fake failing(int i, Throwable error, Duration delay, Scheduler scheduler) {
        return fake(i, q -> Mono.delay(delay, scheduler).then(Mono.error(error)));
    }

    /** Upstream {@code i} failing with {@code error} at once. */
    public static Fake failing(int i, Throwable error) {
        return fake(i, q -> Mono.error(error));
    }

    /** Upstream {@code i} that never answers (a black hole). */
    public static Fake silent(int i) {
        return fake(i, q -> Mono.never());
    }

    /** A fake upstream with counters. */
    public static final class Fake {
        public final AtomicInteger calls = new AtomicInteger();
        public final AtomicInteger cancels = new AtomicInteger();
        public final List<Query> queries = new CopyOnWriteArrayList<>();
        public final Upstream upstream;

        Fake(UpstreamId id, Resolver behaviour) {
            this.upstream = new Upstream(id, q -> Mono.defer(() -> {
                calls.incrementAndGet();
                queries.add(q);
                return behaviour.resolve(q);
            }).doOnCancel(cancels::incrementAndGet));
        }

        public UpstreamId id() {
            return upstream.id();
        }
    }
}
