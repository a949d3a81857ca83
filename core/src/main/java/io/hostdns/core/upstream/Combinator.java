package io.hostdns.core.upstream;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A way to ask several upstreams one question: race, hedge or fallback. Given the upstreams in the
 * order to use, it keeps the {@link Resolver} contract: lazy, cancelling every attempt it started
 * when cancelled (and every loser when it has a winner), exactly one answer or one error. The answer
 * carries {@link Answer#attempts()} = attempts started and {@link Answer#elapsed()} on the
 * combinator's scheduler clock.
 */
public interface Combinator {

    /**
     * Resolves {@code query} over {@code upstreams}, in that order of preference.
     *
     * @param upstreams at least one upstream
     */
    Mono<Answer> resolve(Query query, List<Upstream> upstreams);

    /** A resolver that always uses these upstreams, in this order. */
    default Resolver over(List<Upstream> upstreams) {
        List<Upstream> fixed = List.copyOf(upstreams);
        if (fixed.isEmpty()) {
            throw new IllegalArgumentException("a combinator needs at least one upstream");
        }
        return query -> resolve(query, fixed);
    }
}
