package io.hostdns.core.search;

import io.hostdns.core.Answer;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The outcome of a search: the answer chosen and the absolute name it answers, which is how a caller
 * learns what a short name expanded to ({@code web} → {@code web.default.svc.cluster.local.}). The
 * answer's question section holds the same name.
 *
 * @param name      the candidate whose answer was chosen
 * @param answer    that candidate's answer: the first positive one in search order, or, when none was
 *                  positive, the negative answer glibc would report
 * @param candidates every candidate of the search, in search order (the ones after a positive answer were
 *                  cancelled or never asked)
 */
public record SearchAnswer(Name name, Answer answer, List<Name> candidates) {

    public SearchAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(answer, "answer");
        candidates = List.copyOf(candidates);
    }

    /** Whether the chosen answer is positive: NOERROR with at least one answer record. */
    public boolean positive() {
        return SearchResolver.isPositive(answer);
    }
}
