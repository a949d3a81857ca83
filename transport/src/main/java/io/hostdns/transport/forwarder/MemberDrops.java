package io.hostdns.transport.forwarder;

import io.hostdns.core.internal.cache.CacheStore;
import io.hostdns.core.internal.hosts.MemberNames;
import io.hostdns.core.internal.hosts.MemberTable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the cache in step with the cluster's member names: each change of the member table drops the names whose
 * member answers changed from the cache store of the moment, and {@link #settled()} says whether every change so
 * far has been dropped. Until it has, a name the member stage answers may still sit in the cache, so the server
 * must not answer hits from the store itself ({@link ForwarderCore}'s front asks). {@link #dispose()} stops
 * following the table.
 */
final class MemberDrops implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(MemberDrops.class);

    private final MemberTable table;
    private final Supplier<@Nullable CacheStore> store;
    private final Disposable subscription;
    /** The member table whose changed names have been dropped from the cache. */
    private volatile MemberNames dropped;

    /** Follows {@code table}'s changes, dropping their names from the store {@code store} gives at each one. */
    MemberDrops(MemberTable table, Supplier<@Nullable CacheStore> store) {
        this.table = table;
        this.store = store;
        // Caffeine's removeIf scans under its locks: dropping names runs where blocking briefly is allowed
        this.subscription = table.updates().publishOn(Schedulers.boundedElastic()).subscribe(this::drop,
                error -> log.warn("member changes stopped: {}", error.toString()));
        // changes before the subscription found no store holding anything yet
        this.dropped = table.current();
    }

    /** True when the names of every member change so far have left the cache. */
    boolean settled() {
        return table.current() == dropped;
    }

    private void drop(MemberTable.Change change) {
        try {
            CacheStore current = store.get();
            if (current != null) {
                change.names().forEach(current::invalidate);
            }
        } finally {
            dropped = change.table();
        }
    }

    @Override
    public void dispose() {
        subscription.dispose();
    }

    @Override
    public boolean isDisposed() {
        return subscription.isDisposed();
    }
}
