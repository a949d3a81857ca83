package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import org.xbill.DNS.Rcode;

/**
 * Decides whether an {@link Answer} from one upstream is good enough to end a resolution. A rejected
 * answer makes a combinator try (or wait for) another upstream; it is still returned when no upstream
 * gives an acceptable one.
 */
@FunctionalInterface
public interface AnswerPredicate {

    /** Accepts every answer except SERVFAIL and REFUSED: the answers another upstream may well improve. */
    AnswerPredicate DEFAULT = answer -> answer.rcode() != Rcode.SERVFAIL && answer.rcode() != Rcode.REFUSED;

    /** Accepts every answer, whatever its rcode. */
    AnswerPredicate ACCEPT_ALL = answer -> true;

    /** Whether {@code answer} ends the resolution. */
    boolean accepts(Answer answer);

    /** A predicate rejecting exactly the given rcodes. */
    static AnswerPredicate rejectingRcodes(int... rcodes) {
        int[] rejected = rcodes.clone();
        return answer -> {
            for (int rcode : rejected) {
                if (answer.rcode() == rcode) {
                    return false;
                }
            }
            return true;
        };
    }
}
