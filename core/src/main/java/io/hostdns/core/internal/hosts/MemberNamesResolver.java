package io.hostdns.core.internal.hosts;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.Member;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.Name;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers cluster member names from the latest member set of a {@code Flux} and passes every other
 * query to the next resolver: a {@link MemberTable} of its own over one {@code next}. Answers follow the
 * rules of {@link HostsResolver} (AA, TTL 10, NODATA with SOA for an owned name lacking the family) with
 * source {@link AnswerSource#MEMBER}; names match as {@link MemberNames} describes. Until the first member
 * set arrives, nothing is owned. {@link #changes()} reports the names whose answers changed, so that a
 * cache can drop them; see {@link MemberTable} for its contract and for what happens when the
 * {@code Flux} fails or completes.
 *
 * <p>The member {@code Flux} is subscribed by {@link #create} and consumed until {@link #dispose()}.
 * Resolutions keep the {@link Resolver} contract (lazy, cancellation passed on, never empty).
 */
public final class MemberNamesResolver implements Resolver, Disposable {

    private final MemberTable table;
    private final Resolver resolver;

    private MemberNamesResolver(MemberTable table, Resolver next) {
        this.table = table;
        this.resolver = table.over(next);
    }

    /**
     * A resolver that follows {@code members} (each element is the complete current member set) and asks
     * {@code next} for every name it does not own. Subscribes to {@code members} now.
     */
    public static MemberNamesResolver create(Flux<? extends Collection<Member>> members, Resolver next) {
        Objects.requireNonNull(next, "next");
        return new MemberNamesResolver(MemberTable.follow(members), next);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return resolver.resolve(query);
    }

    /** See {@link MemberTable#changes()}. */
    public Flux<Set<Name>> changes() {
        return table.changes();
    }

    /** The member names answered now. */
    public MemberNames current() {
        return table.current();
    }

    @Override
    public void dispose() {
        table.dispose();
    }

    @Override
    public boolean isDisposed() {
        return table.isDisposed();
    }
}
