package io.hostdns.transport.forwarder;

import io.hostdns.core.dnssec.DnssecValidation;
import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.internal.hosts.MemberTable;
import io.hostdns.core.hosts.StaticHosts;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * What the stages of one configuration are built from besides the configuration itself: the state that
 * outlives a reconfiguration, handed in as data (loop detector, member table, cache store), and the parts
 * made for this configuration (static host table, upstream routes).
 *
 * @param loops              the loop detector, for the whole life of the forwarder
 * @param hosts              the static host table: the configuration's entries and the node's own names
 * @param nodeNames          whether {@code hosts} holds the node's names
 * @param members            the member table, for the whole life of the forwarder; null without a member source
 * @param cache              the cache store, kept while the cache configuration stays; null when caching is off
 * @param maxUpstreamQueries the cap on upstream queries in flight
 * @param routes             this configuration's upstream routes and their groups
 * @param scheduler          timers and the clock (upstream attempts)
 * @param dnssec             what the DNSSEC stage trusts (anchor files read); null when it does not validate
 */
record StageParts(LoopDetector loops, StaticHosts hosts, boolean nodeNames, @Nullable MemberTable members,
                  @Nullable CacheStore cache, int maxUpstreamQueries, UpstreamRoutes routes, Scheduler scheduler,
                  @Nullable DnssecValidation dnssec) {
}
