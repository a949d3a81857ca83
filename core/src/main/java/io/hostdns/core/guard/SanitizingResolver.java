package io.hostdns.core.guard;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Rcode;
import reactor.core.publisher.Mono;

/**
 * A decorator that passes every upstream answer through {@link ResponseSanitizer} before it goes further
 * up the pipeline: put it between the upstreams and the cache, so that nothing unrelated to the question
 * is ever stored or relayed. Answers that are already clean keep their bytes unchanged (no re-encoding on
 * the common path); answers not from an upstream (cache, hosts, members) are passed through untouched; so
 * are rcodes other than NOERROR and NXDOMAIN, whose records nobody caches. An answer that cannot be decoded
 * fails with {@link io.hostdns.core.MalformedResponseException}, as it would later in the cache.
 */
public final class SanitizingResolver implements Resolver {

    private final Resolver delegate;
    private final LongAdder recordsDropped = new LongAdder();
    private final LongAdder answersChanged = new LongAdder();

    /** Sanitises the answers of {@code delegate}. */
    public SanitizingResolver(Resolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> delegate.resolve(query))
                .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                .map(answer -> sanitized(answer, query));
    }

    private Answer sanitized(Answer answer, Query query) {
        if (answer.source().kind() != AnswerSource.Kind.UPSTREAM
                || (answer.rcode() != Rcode.NOERROR && answer.rcode() != Rcode.NXDOMAIN)) {
            return answer;
        }
        ResponseSanitizer.Result result = ResponseSanitizer.sanitize(answer.message(), query);
        if (result.dropped() == 0) {
            return answer;
        }
        recordsDropped.add(result.dropped());
        answersChanged.increment();
        return Answer.of(result.message(), answer.source()).withAttempts(answer.attempts())
                .withElapsed(answer.elapsed());
    }

    /** Records removed from upstream answers since creation. */
    public long recordsDropped() {
        return recordsDropped.sum();
    }

    /** Upstream answers that had at least one record removed. */
    public long answersChanged() {
        return answersChanged.sum();
    }
}
