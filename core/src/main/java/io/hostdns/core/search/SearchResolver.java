package io.hostdns.core.search;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expands names as typed with a {@link SearchList} (glibc semantics) and resolves the candidates
 * <b>in parallel</b>, choosing the first positive answer <b>in search order</b>: a later candidate's
 * positive answer is only accepted once every earlier candidate came back negative, so the result is
 * the one glibc's serial walk would give, in the time of the slowest candidate it needs rather than
 * the sum of them (the {@code ndots:5} cost in Kubernetes, netty #8880, dnsjava #118).
 *
 * <p>Per candidate, in search order (glibc's {@code res_nsearch} rules):
 * <ul>
 *   <li>positive (NOERROR with answer records): chosen; the later candidates are cancelled;</li>
 *   <li>NXDOMAIN, NODATA or SERVFAIL: negative, the search goes on;</li>
 *   <li>any other rcode (REFUSED, FORMERR, NOTIMP...) or an error (timeout, I/O): ends the search with
 *       that answer or error, as glibc stops on them; the later candidates are cancelled.</li>
 * </ul>
 * When every candidate is negative, the answer is the one glibc reports: the as-is name's when it was
 * tried first; otherwise the first NODATA, else the first SERVFAIL, else the last (the as-is NXDOMAIN).
 *
 * <p>{@link #search} returns a {@link Found} that names the candidate chosen; the answer's
 * question is that candidate too. As a {@link Resolver}, {@link #resolve(Query)} gets absolute names
 * only (every {@link Query} name is absolute, like a name with a trailing dot), so it asks the delegate
 * that one name, keeping the contract; searching needs {@link #search(String, int)}.
 * Immutable and thread-safe; nothing is shared between resolutions.
 */
public final class SearchResolver implements Resolver {

    private final Resolver delegate;
    private final SearchList searchList;

    /**
     * @param delegate   asked for each candidate
     * @param searchList the domains and ndots to expand names with
     */
    public SearchResolver(Resolver delegate, SearchList searchList) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.searchList = Objects.requireNonNull(searchList, "searchList");
    }

    /** The search domains and ndots in use. */
    public SearchList searchList() {
        return searchList;
    }

    /** A resolver over the same delegate with another search list (e.g. after resolv.conf changed). */
    public SearchResolver withSearchList(SearchList newList) {
        return new SearchResolver(delegate, newList);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return search(query.name(), query).map(Found::answer);
    }

    /**
     * Searches {@code name} as typed (a trailing dot makes it absolute) for an IN-class {@code type}.
     * A name that is not a valid DNS name fails with {@link IllegalArgumentException}.
     */
    public Mono<Found> search(String name, int type) {
        return Mono.defer(() -> {
            Name typed;
            try {
                typed = Name.fromString(name);
            } catch (TextParseException e) {
                return Mono.error(new IllegalArgumentException("not a valid DNS name: '" + name + "'", e));
            }
            return search(typed, Query.of(Name.root, type));
        });
    }

    /** Searches {@code typed} (relative: searched; absolute: asked alone) for an IN-class {@code type}. */
    public Mono<Found> search(Name typed, int type) {
        return search(typed, Query.of(Name.root, type));
    }

    /** Searches {@code typed} with the type, class, flags and payload size of {@code template}. */
    private Mono<Found> search(Name typed, Query template) {
        return Mono.defer(() -> {
            List<Name> candidates = searchList.candidates(typed);
            if (candidates.isEmpty()) {
                return Mono.error(new IllegalArgumentException("name too long to resolve: " + typed));
            }
            List<Mono<Outcome>> attempts = new ArrayList<>(candidates.size());
            for (Name candidate : candidates) {
                attempts.add(attempt(candidate, template));
            }
            // mergeSequential subscribes to every candidate at once but emits in search order; takeUntil
            // cancels the candidates still running once one decides.
            return Flux.mergeSequential(attempts, attempts.size(), 1)
                    .takeUntil(Outcome::decisive)
                    .collectList()
                    .flatMap(outcomes -> choose(typed, outcomes, candidates));
        });
    }

    private Mono<Outcome> attempt(Name candidate, Query template) {
        Query query = new Query(candidate, template.type(), template.dclass(), template.dnssecOk(),
                template.checkingDisabled(), template.udpPayloadSize());
        return Mono.defer(() -> delegate.resolve(query))
                .switchIfEmpty(Mono.error(() -> new MalformedResponseException(null,
                        "the next resolver completed without an answer for " + query, null)))
                .map(answer -> new Outcome(candidate, answer, null))
                .onErrorResume(error -> Mono.just(new Outcome(candidate, null, error)));
    }

    private Mono<Found> choose(Name typed, List<Outcome> outcomes, List<Name> candidates) {
        Outcome last = outcomes.get(outcomes.size() - 1);
        if (last.decisive()) {
            return last.error != null ? Mono.error(last.error) : Mono.just(last.toAnswer(candidates));
        }
        if (searchList.triesAsIsFirst(typed)) {
            return Mono.just(outcomes.get(0).toAnswer(candidates));
        }
        for (int rcode : new int[] {Rcode.NOERROR, Rcode.SERVFAIL}) {
            for (Outcome outcome : outcomes) {
                if (outcome.answer != null && outcome.answer.rcode() == rcode) {
                    return Mono.just(outcome.toAnswer(candidates));
                }
            }
        }
        return Mono.just(last.toAnswer(candidates));
    }

    /** NOERROR with at least one record in the answer section (read from the header, no decoding). */
    static boolean isPositive(Answer answer) {
        return answer.rcode() == Rcode.NOERROR && answerCount(answer) > 0;
    }

    private static boolean isNegative(Answer answer) {
        int rcode = answer.rcode();
        return rcode == Rcode.NXDOMAIN || rcode == Rcode.SERVFAIL
                || (rcode == Rcode.NOERROR && answerCount(answer) == 0);
    }

    private static int answerCount(Answer answer) {
        return answer.wire().getShort(6) & 0xFFFF;
    }

    /** One candidate's answer or error. */
    private record Outcome(Name name, @Nullable Answer answer, @Nullable Throwable error) {

        boolean decisive() {
            return answer == null || !isNegative(answer);
        }

        Found toAnswer(List<Name> candidates) {
            return new Found(name, Objects.requireNonNull(answer, "answer"), candidates);
        }
    }

    /**
     * The outcome of a search: the answer chosen and the absolute name it answers, which is how a caller
     * learns what a short name expanded to ({@code web} → {@code web.default.svc.cluster.local.}). The
     * answer's question section holds the same name.
     *
     * @param name      the candidate whose answer was chosen
     * @param answer    that candidate's answer: the first positive one in search order, or, when none was
     *                  positive, the negative answer glibc would report
     * @param candidates every candidate of the search, in search order (the ones after a positive answer were
     *                  cancelled or never asked)
     */
    public record Found(Name name, Answer answer, List<Name> candidates) {

        public Found {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(answer, "answer");
            candidates = List.copyOf(candidates);
        }

        /** Whether the chosen answer is positive: NOERROR with at least one answer record. */
        public boolean positive() {
            return SearchResolver.isPositive(answer);
        }
    }
}
