package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** A uniformly random order per query (Fisher-Yates shuffle). */
final class RandomPolicy implements UpstreamPolicy {

    private final @Nullable RandomGenerator generator;

    /** @param generator the source of randomness, or null for {@link ThreadLocalRandom} */
    RandomPolicy(@Nullable RandomGenerator generator) {
        this.generator = generator;
    }

    @Override
    public List<Upstream> order(List<Upstream> upstreams, ToLongFunction<UpstreamId> scores) {
        List<Upstream> ordered = new ArrayList<>(upstreams);
        if (generator == null) {
            shuffle(ordered, ThreadLocalRandom.current());
        } else {
            // Injected generators (SplittableRandom, seeded Random) are not all thread-safe.
            synchronized (generator) {
                shuffle(ordered, generator);
            }
        }
        return ordered;
    }

    private static void shuffle(List<Upstream> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    @Override
    public String toString() {
        return "RANDOM";
    }
}
