package io.hostdns.core.hosts;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
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
 * Answers cluster member names from the latest member set of a {@code Flux} and passes every other
 * query to the next resolver. Answers follow the rules of {@link HostsResolver} (AA, TTL 10, NODATA
 * with SOA for an owned name lacking the family) with source {@link AnswerSource#MEMBER}; names match
 * as {@link MemberNames} describes. Until the first member set arrives, nothing is owned.
 *
 * <p>Each member set replaces the table atomically; the lower-cased names whose answers changed (added,
 * removed or re-addressed, reverse names included) are emitted on {@link #changes()}, so that a cache
 * can drop them (talos #8631: NXDOMAIN for fresh member names cached for an hour). Subscribe to
 * {@code changes()} before answers are cached: changes with no subscriber are not kept.
 *
 * <p>The member {@code Flux} is subscribed by {@link #create} and consumed until {@link #dispose()}.
 * If it fails, the failure is logged, the last member set keeps being answered and {@code changes()}
 * fails with it; if it completes, {@code changes()} completes. Resolutions keep the {@link Resolver}
 * contract (lazy, cancellation passed on, never empty).
 */
public final class MemberNamesResolver implements Resolver, Disposable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberNamesResolver.class);

    private final Resolver next;
    // multicast without replay; each subscriber buffers on its own (see changes()) so none ever misses one
    private final Sinks.Many<Set<Name>> changes = Sinks.many().multicast().directBestEffort();
    private final Object emitLock = new Object();
    private volatile MemberNames current = MemberNames.EMPTY;
    private final Disposable.Swap subscription = Disposables.swap();

    private MemberNamesResolver(Resolver next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * A resolver that follows {@code members} (each element is the complete current member set) and asks
     * {@code next} for every name it does not own. Subscribes to {@code members} now.
     */
    public static MemberNamesResolver create(Flux<? extends Collection<Member>> members, Resolver next) {
        MemberNamesResolver resolver = new MemberNamesResolver(next);
        resolver.subscription.update(members.subscribe(resolver::update, resolver::fail, resolver::complete));
        return resolver;
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.defer(() -> {
            Answer local = LocalAnswers.answer(query, current, AnswerSource.MEMBER);
            return local != null ? Mono.just(local) : LocalAnswers.delegate(next, query);
        });
    }

    /**
     * The lower-cased names whose answers changed, one set per member update that changed anything.
     * Hot; each subscriber gets its own unbounded buffer, so a slow one delays only itself.
     */
    public Flux<Set<Name>> changes() {
        return changes.asFlux().onBackpressureBuffer();
    }

    /** The member names answered now. */
    public MemberNames current() {
        return current;
    }

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
        current = updated;
        if (!changed.isEmpty()) {
            synchronized (emitLock) {
                // FAIL_ZERO_SUBSCRIBER is expected (nobody caches yet); FAIL_TERMINATED after dispose
                changes.tryEmitNext(Set.copyOf(changed));
            }
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
