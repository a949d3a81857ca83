package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.QueryOutcome;
import io.hostdns.core.Answer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.xbill.DNS.Rcode;
import reactor.core.CoreSubscriber;

/**
 * Subscribes to one resolution and reports it to a {@link QueryOutcome}: a NOERROR answer is answered,
 * anything else (an error rcode, an error signal, or completing empty, which the seam forbids) failed.
 * One small object per query, the least a caller of a {@code Mono} allocates.
 */
final class OutcomeSubscriber implements CoreSubscriber<Answer> {

    private final QueryOutcome outcome;
    private @Nullable Answer answer;

    OutcomeSubscriber(QueryOutcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Answer next) {
        answer = next;
    }

    @Override
    public void onError(Throwable t) {
        outcome.failed(t);
    }

    @Override
    public void onComplete() {
        Answer a = answer;
        if (a == null) {
            outcome.failed(new IllegalStateException("the resolution completed without an answer"));
        } else if (a.rcode() != Rcode.NOERROR) {
            outcome.failed(new IllegalStateException("unexpected rcode " + Rcode.string(a.rcode())));
        } else {
            outcome.answered();
        }
    }
}
