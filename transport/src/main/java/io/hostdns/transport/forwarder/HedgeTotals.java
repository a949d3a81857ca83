package io.hostdns.transport.forwarder;

import io.hostdns.core.upstream.UpstreamGroup;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The forwarder's hedged-query counts since start, across reconfigurations: each upstream group counts its own
 * hedges, and a reconfiguration that replaces the groups adds the retiring groups' counts here first, so that the
 * totals in the status and the metrics never go down.
 */
final class HedgeTotals {

    private final AtomicLong retiredFired = new AtomicLong();
    private final AtomicLong retiredWon = new AtomicLong();

    /** Keeps the counts of {@code routes}' groups, which are being replaced. */
    void retire(UpstreamRoutes routes) {
        for (UpstreamRoutes.Route route : routes.all()) {
            UpstreamGroup.Hedges hedges = route.group().hedges();
            retiredFired.addAndGet(hedges.fired());
            retiredWon.addAndGet(hedges.won());
        }
    }

    /** The totals: the retired groups' counts plus those of {@code current}'s groups. */
    UpstreamGroup.Hedges with(UpstreamRoutes current) {
        long fired = retiredFired.get();
        long won = retiredWon.get();
        for (UpstreamRoutes.Route route : current.all()) {
            UpstreamGroup.Hedges hedges = route.group().hedges();
            fired += hedges.fired();
            won += hedges.won();
        }
        return new UpstreamGroup.Hedges(fired, won);
    }
}
