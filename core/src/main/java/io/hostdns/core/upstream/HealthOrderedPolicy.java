package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Lowest health score first; configuration order ({@link UpstreamId#index()}) breaks ties. */
final class HealthOrderedPolicy implements UpstreamPolicy {

    @Override
    public List<Upstream> order(List<Upstream> upstreams, ToLongFunction<UpstreamId> scores) {
        List<Upstream> ordered = new ArrayList<>(upstreams);
        // Read each score once: they may change while we sort.
        Map<UpstreamId, Long> snapshot = new HashMap<>();
        for (Upstream upstream : upstreams) {
            snapshot.put(upstream.id(), scores.applyAsLong(upstream.id()));
        }
        ordered.sort(Comparator.<Upstream>comparingLong(u -> snapshot.get(u.id()))
                .thenComparingInt(u -> u.id().index()));
        return ordered;
    }

    @Override
    public String toString() {
        return "HEALTH_ORDERED";
    }
}
