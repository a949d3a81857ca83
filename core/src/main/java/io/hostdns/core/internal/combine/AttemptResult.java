package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.upstream.AnswerPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt produced: an answer or an error, never both; {@code hedged} when the attempt only started
 * because a hedge timer fired (see {@link HedgeCombinator}).
 */
record AttemptResult(@Nullable Answer answer, @Nullable Throwable error, boolean hedged) {

    static AttemptResult answered(Answer answer) {
        return new AttemptResult(answer, null, false);
    }

    static AttemptResult failed(Throwable error) {
        return new AttemptResult(null, error, false);
    }

    /** This result marked as coming from an attempt a hedge timer started (directly or through later ones). */
    AttemptResult asHedged() {
        return new AttemptResult(answer, error, true);
    }

    /** Whether this is an answer {@code predicate} accepts. */
    boolean acceptedBy(AnswerPredicate predicate) {
        return answer != null && predicate.accepts(answer);
    }
}
