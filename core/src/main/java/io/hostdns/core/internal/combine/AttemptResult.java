package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.upstream.AnswerPredicate;
import org.jspecify.annotations.Nullable;

/** What one attempt produced: an answer or an error, never both. */
record AttemptResult(@Nullable Answer answer, @Nullable Throwable error) {

    static AttemptResult answered(Answer answer) {
        return new AttemptResult(answer, null);
    }

    static AttemptResult failed(Throwable error) {
        return new AttemptResult(null, error);
    }

    /** Whether this is an answer {@code predicate} accepts. */
    boolean acceptedBy(AnswerPredicate predicate) {
        return answer != null && predicate.accepts(answer);
    }
}
