package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import io.hostdns.core.UpstreamId;
import org.jspecify.annotations.Nullable;

/** What one attempt to one upstream produced: an answer or an error, never both. */
record AttemptResult(UpstreamId upstream, @Nullable Answer answer, @Nullable Throwable error) {

    static AttemptResult answered(UpstreamId upstream, Answer answer) {
        return new AttemptResult(upstream, answer, null);
    }

    static AttemptResult failed(UpstreamId upstream, Throwable error) {
        return new AttemptResult(upstream, null, error);
    }

    /** Whether this is an answer {@code predicate} accepts. */
    boolean acceptedBy(AnswerPredicate predicate) {
        return answer != null && predicate.accepts(answer);
    }
}
