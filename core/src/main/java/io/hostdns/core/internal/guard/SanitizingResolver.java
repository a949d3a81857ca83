package io.hostdns.core.internal.guard;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import reactor.core.publisher.Mono;

/**
 * A decorator that passes every upstream answer through {@link ResponseSanitizer} before it goes further
 * up the pipeline: put it between the upstreams and the cache, so that nothing unrelated to the question
 * is ever stored or relayed. A plain address answer or negative answer that is clean as it came ({@link CleanResponse}:
 * checked over the wire, every name well-formed and every compression pointer aiming back past the header) is
 * passed on as it is; every other upstream answer is decoded and re-encoded by dnsjava from what was kept, so its
 * compression pointers are ours; answers not from an upstream (cache, hosts, members) are passed through untouched.
 * Every other upstream answer is decoded, whatever its rcode: one that cannot be (a record whose data does not
 * fill its length, a compression loop...) fails with {@link io.hostdns.core.MalformedResponseException},
 * so a combinator above tries the next upstream and nothing undecodable is ever relayed to a client (the
 * server relays records without decoding them; found by fuzzing).
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
        if (answer.source().kind() != AnswerSource.Kind.UPSTREAM) {
            return answer;
        }
        if (CleanResponse.isClean(answer.wireBytes(), query)) {
            return answer; // what the sanitizer would keep whole, valid and safe to relay as it came
        }
        Message decoded = answer.message();
        if (decoded.getHeader().getOpcode() != Opcode.QUERY) {
            // only a QUERY response answers a query (UPDATE ones may carry records only valid there)
            throw new MalformedResponseException(answer.source().upstream(),
                    "response opcode " + Opcode.string(decoded.getHeader().getOpcode()) + " to a QUERY", null);
        }
        ResponseSanitizer.Result result = ResponseSanitizer.sanitize(decoded, query);
        if (result.dropped() > 0) {
            recordsDropped.add(result.dropped());
            answersChanged.increment();
        }
        // always re-encoded, even when nothing was dropped: the upstream's own compression pointers are not
        // trusted (found by fuzzing: a pointer into the header decodes here, but turns into garbage once the
        // server writes the client's ID over the header and relays the records verbatim)
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
