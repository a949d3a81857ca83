package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/** Rotates the configured order by one per query: A B C, then B C A, then C A B, then A B C again. */
final class RoundRobinPolicy implements UpstreamPolicy {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public List<Upstream> order(List<Upstream> upstreams, ToLongFunction<UpstreamId> scores) {
        int n = upstreams.size();
        if (n == 0) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        List<Upstream> ordered = new ArrayList<>(n);
        ordered.addAll(upstreams.subList(start, n));
        ordered.addAll(upstreams.subList(0, start));
        return ordered;
    }

    @Override
    public String toString() {
        return "ROUND_ROBIN";
    }
}
