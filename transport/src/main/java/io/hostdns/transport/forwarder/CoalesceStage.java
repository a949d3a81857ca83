package io.hostdns.transport.forwarder;

import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CoalescingResolver;
import org.jspecify.annotations.Nullable;

/**
 * The coalescing stage: identical misses in flight share one upstream query ({@link CoalescingResolver}).
 * A traced query goes alone: the shared call is subscribed outside any caller's Context, so a joined traced
 * query would see none of its upstream attempts.
 *
 * <p>{@link #around} is called once per configuration (the traced chain does not coalesce); the stage keeps
 * what it made to report how many queries joined one in flight.
 */
final class CoalesceStage implements Stage {

    private volatile @Nullable CoalescingResolver made;

    @Override
    public String name() {
        return "coalesce";
    }

    @Override
    public String detail() {
        return "identical misses share one upstream query; traced queries go alone";
    }

    @Override
    public Resolver around(Resolver next) {
        CoalescingResolver coalescing = new CoalescingResolver(next);
        made = coalescing;
        return coalescing;
    }

    @Override
    public Resolver tracedAround(Resolver next) {
        return next;
    }

    @Override
    public String passedOnDetail() {
        return "alone, traced";
    }

    /** Queries that joined an identical one in flight, since this stage was folded. */
    long coalescedQueries() {
        CoalescingResolver coalescing = made;
        return coalescing == null ? 0 : coalescing.coalescedQueries();
    }
}
