package io.hostdns.core.hosts;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.internal.hosts.LocalAnswers;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Answers the names of a {@link StaticHosts} table itself and passes every other query to the next
 * resolver. Owned names get A, AAAA and PTR answers with AA set, TTL 10 and
 * source {@link AnswerSource#HOSTS}; an owned name without an address of the asked family, or asked
 * another type, gets NODATA with an SOA and is never forwarded.
 * Keeps the {@link Resolver} contract: lazy, cancellation passed on, never empty.
 */
public final class HostsResolver implements Resolver {

    private final StaticHosts names;
    private final Resolver next;

    /**
     * @param names the names answered here
     * @param next  asked for everything else
     */
    public HostsResolver(StaticHosts names, Resolver next) {
        this.names = Objects.requireNonNull(names, "names");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return Mono.defer(() -> {
            Answer local = LocalAnswers.answer(query, names.table(), AnswerSource.HOSTS);
            return local != null ? Mono.just(local) : LocalAnswers.delegate(next, query);
        });
    }
}
