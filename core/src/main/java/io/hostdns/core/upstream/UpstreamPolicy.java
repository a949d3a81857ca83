package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Orders the upstreams for one query, like CoreDNS' forward {@code Policy}: the combinator then uses
 * them in that order of preference. An implementation returns a new list holding exactly the given
 * upstreams, never changes its input, and is safe to call from many threads at once.
 *
 * <p>Stateless policies are constants; stateful ones (round robin, random) are made per group by a
 * factory, so that two groups never share a counter or a generator.
 */
@FunctionalInterface
public interface UpstreamPolicy {

    /** Configuration order, always: the first upstream gets every query it can answer. */
    UpstreamPolicy IN_ORDER = (upstreams, scores) -> List.copyOf(upstreams);

    /**
     * Best health score first (lower is better, see the group's health registry), configuration order
     * ({@link UpstreamId#index()}) between equal scores.
     */
    UpstreamPolicy HEALTH_ORDERED = new HealthOrderedPolicy();

    /**
     * The order for one query.
     *
     * @param upstreams the upstreams in configuration order
     * @param scores    a health score per upstream, lower is better; policies may ignore it
     */
    List<Upstream> order(List<Upstream> upstreams, ToLongFunction<UpstreamId> scores);

    /** {@link #IN_ORDER}. */
    static UpstreamPolicy inOrder() {
        return IN_ORDER;
    }

    /** {@link #HEALTH_ORDERED}. */
    static UpstreamPolicy healthOrdered() {
        return HEALTH_ORDERED;
    }

    /** A new round robin: each query starts one upstream further than the previous, wrapping around. */
    static UpstreamPolicy roundRobin() {
        return new RoundRobinPolicy();
    }

    /** A new random order per query, from {@link ThreadLocalRandom}. */
    static UpstreamPolicy random() {
        return new RandomPolicy(null);
    }

    /** A new random order per query from {@code generator} (e.g. seeded, for tests); used under a lock. */
    static UpstreamPolicy random(RandomGenerator generator) {
        return new RandomPolicy(generator);
    }
}
