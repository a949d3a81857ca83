package io.hostdns.core.internal.hosts;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Resolver;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.Member;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The latest cluster member set of a {@code Flux}, as a table of {@link MemberNames}, apart from the
 * resolvers that answer from it: {@link #over(Resolver)} answers member names from the table and passes
 * every other query to {@code next}. A forwarder follows the members once, for its whole life, while each of
 * its configurations has its own pipeline below the member stage. Most users want
 * {@link MemberNamesResolver}, a table over one {@code next}.
 *
 * <p>Each member set replaces the table atomically; the lower-cased names whose answers changed (added,
 * removed or re-addressed, reverse names included) are emitted on {@link #changes()}, so that a cache
 * can drop them (talos #8631: NXDOMAIN for fresh member names cached for an hour). Subscribe to
 * {@code changes()} before answers are cached: changes with no subscriber are not kept. Until the first
 * member set arrives, nothing is owned.
 *
 * <p>{@link #follow} subscribes to the members at once; they are consumed until {@link #dispose()}. If the
 * {@code Flux} fails, the failure is logged, the last member set keeps being answered and {@code changes()}
 * fails with it; if it completes, {@code changes()} completes.
 */
public final class MemberTable implements Disposable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberTable.class);

    // multicast without replay; each subscriber buffers on its own (see changes()) so none ever misses one
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private final Object emitLock = new Object();
    private volatile MemberNames current = MemberNames.EMPTY;
    private final Disposable.Swap subscription = Disposables.swap();

    private MemberTable() {
    }

    /** A table following {@code members} (each element is the complete current member set); subscribes now. */
    public static MemberTable follow(Flux<? extends Collection<Member>> members) {
        Objects.requireNonNull(members, "members");
        MemberTable table = new MemberTable();
        table.subscription.update(members.subscribe(table::update, table::fail, table::complete));
        return table;
    }

    /**
     * A resolver answering the names of this table as it is at each query (the rules of {@link HostsResolver}:
     * AA, TTL 10, NODATA with SOA for an owned name lacking the family; source {@link AnswerSource#MEMBER})
     * and asking {@code next} for every other name. Keeps the {@link Resolver} contract (lazy, cancellation
     * passed on, never empty).
     */
    public Resolver over(Resolver next) {
        Objects.requireNonNull(next, "next");
        return query -> Mono.defer(() -> {
            Answer local = LocalAnswers.answer(query, current, AnswerSource.MEMBER);
            return local != null ? Mono.just(local) : LocalAnswers.delegate(next, query);
        });
    }

    /**
     * One member update that changed the answers of some names.
     *
     * @param table the member names answered from this update on (what {@link #current()} returns until the
     *              next change: an update that changes no answer leaves the table as it was)
     * @param names the lower-cased names whose answers changed
     */
    public record Change(MemberNames table, Set<Name> names) {
    }

    /**
     * The lower-cased names whose answers changed, one set per member update that changed anything.
     * Hot; each subscriber gets its own unbounded buffer, so a slow one delays only itself.
     */
    public Flux<Set<Name>> changes() {
        return updates().map(Change::names);
    }

    /**
     * {@link #changes()} with the table each change made current, so that a subscriber can tell when it has
     * caught up with {@link #current()} (it compares the tables by identity).
     */
    public Flux<Change> updates() {
        return changes.asFlux().onBackpressureBuffer();
    }

    /** The member names answered now. */
    public MemberNames current() {
        return current;
    }

    /** Stops following the members and completes {@link #changes()}; the last set keeps being answered. */
    @Override
    public void dispose() {
        subscription.dispose();
        synchronized (emitLock) {
            changes.tryEmitComplete();
        }
    }

    @Override
    public boolean isDisposed() {
        return subscription.isDisposed();
    }

    private void update(Collection<Member> members) {
        MemberNames updated = MemberNames.of(members);
        Set<Name> changed = MemberNames.changedNames(current, updated);
        if (changed.isEmpty()) {
            return; // the same answers: the table stays, so current() changes exactly when a change is emitted
        }
        current = updated;
        synchronized (emitLock) {
            // FAIL_ZERO_SUBSCRIBER is expected (nobody caches yet); FAIL_TERMINATED after dispose
            changes.tryEmitNext(new Change(updated, Set.copyOf(changed)));
        }
    }

    private void fail(Throwable error) {
        LOG.warn("member names stopped updating; the last member set keeps being answered: {}", error.toString(), error);
        synchronized (emitLock) {
            changes.tryEmitError(error);
        }
    }

    private void complete() {
        synchronized (emitLock) {
            changes.tryEmitComplete();
        }
    }
}
