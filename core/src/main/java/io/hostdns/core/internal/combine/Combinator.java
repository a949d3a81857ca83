package io.hostdns.core.internal.combine;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A way to ask several resolvers one question: race, hedge or fallback. Given the resolvers in the order
 * to use, it keeps the {@link Resolver} contract: lazy, cancelling every attempt it started when cancelled
 * (and every loser when it has a winner), exactly one answer or one error. The answer carries
 * {@link Answer#attempts()} = attempts started and {@link Answer#elapsed()} on the combinator's scheduler
 * clock.
 *
 * <p>Any {@link Resolver} can be a member, a combinator's own result included, so combinators nest
 * ({@code fallback(race(a, b), c)}). A member that is an {@link Upstream} is named by its id where the
 * combinator itself reports about it (an attempt that completed empty); a plain resolver is named by
 * nothing, since the errors it signals name whatever upstream it reached.
 */
public interface Combinator {

    /**
     * Resolves {@code query} over {@code members}, in that order of preference.
     *
     * @param members at least one resolver
     */
    Mono<Answer> resolve(Query query, List<? extends Resolver> members);

    /** A resolver that always uses these members, in this order. */
    default Resolver over(List<? extends Resolver> members) {
        List<Resolver> fixed = List.copyOf(members);
        if (fixed.isEmpty()) {
            throw new IllegalArgumentException("a combinator needs at least one upstream or other resolver");
        }
        return query -> resolve(query, fixed);
    }
}
