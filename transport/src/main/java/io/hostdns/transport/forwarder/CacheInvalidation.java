package io.hostdns.transport.forwarder;

import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.internal.hosts.MemberNames;
import io.hostdns.core.internal.hosts.MemberTable;
import io.hostdns.core.hosts.StaticHosts;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the cache must drop when a configuration replaces another, so that it keeps holding only answers for
 * names the stages before it pass on (the invariant of {@link StageList}): answers of upstreams that are gone
 * must not outlive them (talos fc7080e34), and a name a stage before the cache now answers must not be
 * answered from the cache. Runs after the switch, where Caffeine's locks may block briefly.
 */
final class CacheInvalidation {

    private CacheInvalidation() {
    }

    /**
     * Drops from {@code after}'s store what {@code before} cached that {@code after} must not answer from it:
     * everything when {@code flushAll}: the upstreams changed (a disableIPv6 toggle is such a change: it adds or
     * drops IPv6 upstreams, and when it turns on AAAA must no longer come from the cache), or the DNSSEC settings
     * did (entries hold verdicts reached, or not, under the old ones); otherwise the static names
     * that changed, and every current member name when resolveMemberNames turned on. A new store (another
     * cache configuration) starts empty.
     */
    static void afterSwitch(Generation before, Generation after, boolean flushAll,
                            @Nullable MemberTable members) {
        CacheStore store = after.parts().cache();
        if (store == null || store != before.parts().cache()) {
            return;
        }
        if (flushAll) {
            store.invalidateAll();
            return;
        }
        StaticHosts.changedNames(before.parts().hosts(), after.parts().hosts()).forEach(store::invalidate);
        if (members != null && after.config().resolveMemberNames() && !before.config().resolveMemberNames()) {
            MemberNames.changedNames(MemberNames.of(List.of()), members.current()).forEach(store::invalidate);
        }
    }
}
