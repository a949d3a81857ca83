package io.hostdns.core.upstream;

import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class UpstreamPolicyTest {

    private final List<Upstream> configured = List.of(silent(0).upstream, silent(1).upstream, silent(2).upstream);
    private final ToLongFunction<UpstreamId> noScores = id -> 0;

    private static List<Integer> indexes(List<Upstream> upstreams) {
        return upstreams.stream().map(u -> u.id().index()).toList();
    }

    @Test
    void inOrder_keepsConfigurationOrder() {
        assertThat(indexes(UpstreamPolicy.IN_ORDER.order(configured, noScores))).containsExactly(0, 1, 2);
        assertThat(indexes(UpstreamPolicy.inOrder().order(configured, noScores))).containsExactly(0, 1, 2);
    }

    @Test
    void roundRobin_rotatesByOnePerQuery() {
        UpstreamPolicy policy = UpstreamPolicy.roundRobin();
        assertThat(indexes(policy.order(configured, noScores))).containsExactly(0, 1, 2);
        assertThat(indexes(policy.order(configured, noScores))).containsExactly(1, 2, 0);
        assertThat(indexes(policy.order(configured, noScores))).containsExactly(2, 0, 1);
        assertThat(indexes(policy.order(configured, noScores))).containsExactly(0, 1, 2);
    }

    @Test
    void roundRobin_instancesDoNotShareTheirCounter() {
        UpstreamPolicy one = UpstreamPolicy.roundRobin();
        UpstreamPolicy two = UpstreamPolicy.roundRobin();
        one.order(configured, noScores);
        assertThat(indexes(two.order(configured, noScores))).containsExactly(0, 1, 2);
    }

    @Test
    void random_withSeededGenerator_isReproducible_andCoversEveryPermutation() {
        UpstreamPolicy first = UpstreamPolicy.random(new SplittableRandom(42));
        UpstreamPolicy second = UpstreamPolicy.random(new SplittableRandom(42));
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            List<Integer> order = indexes(first.order(configured, noScores));
            assertThat(order).isEqualTo(indexes(second.order(configured, noScores)));
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2);
            seen.add(order);
        }
        assertThat(seen).hasSize(6);
    }

    @Test
    void random_doesNotChangeItsInput() {
        List<Upstream> input = new ArrayList<>(configured);
        UpstreamPolicy.random(new SplittableRandom(7)).order(input, noScores);
        assertThat(input).isEqualTo(configured);
    }

    @Test
    void healthOrdered_putsBestScoreFirst_andBreaksTiesByConfigOrder() {
        List<Upstream> four = List.of(silent(0).upstream, silent(1).upstream, silent(2).upstream,
                silent(3).upstream);
        Map<Integer, Long> scores = Map.of(0, 200L, 1, 5L, 2, 5L, 3, 100L);
        ToLongFunction<UpstreamId> byIndex = id -> scores.get(id.index());

        assertThat(indexes(UpstreamPolicy.HEALTH_ORDERED.order(four, byIndex))).containsExactly(1, 2, 3, 0);
        // Config order is the index, not the position in the list given.
        List<Upstream> reversed = new ArrayList<>(four);
        java.util.Collections.reverse(reversed);
        assertThat(indexes(UpstreamPolicy.healthOrdered().order(reversed, byIndex))).containsExactly(1, 2, 3, 0);
        assertThat(indexes(UpstreamPolicy.HEALTH_ORDERED.order(four, id -> 0))).containsExactly(0, 1, 2, 3);
    }
}
