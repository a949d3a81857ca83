package io.hostdns.transport.internal;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.search.SearchResolver;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.netty.HostDnsAddressResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Host name to addresses over a hostdns {@link Resolver}: A and AAAA asked in parallel (as the
 * {@link AddressPreference} wants), results per family as they arrive ({@link #byFamily}), or the
 * ordered list ({@link #all}), or one address ({@link #first}). IP literals and {@code localhost} are
 * answered without DNS. Built over a {@link Resolver}, host names are absolute ({@code app} means
 * {@code app.}); built over a {@link SearchResolver}, they are expanded with its search domains.
 *
 * <p>Failures: a name with no address in any asked family (NXDOMAIN, NODATA, or SERVFAIL/REFUSED) fails
 * with an {@link UnknownHostException} naming the host and the rcode; when every asked family failed with
 * an error (timeout, I/O) the {@code UnknownHostException} carries the first error as its cause. One
 * family failing while the other has addresses is not a failure: the addresses are returned.
 * Immutable, non-blocking, lazy; cancellation cancels both queries.
 */
public final class AddressLookup {

    /** Asks one family's question for a host name. */
    private interface FamilyQuery {
        Mono<Answer> ask(String host, int type);
    }

    private final FamilyQuery ask;
    private final AddressPreference preference;

    /** Host names are asked as absolute names through {@code resolver}. */
    public AddressLookup(Resolver resolver, AddressPreference preference) {
        Objects.requireNonNull(resolver, "resolver");
        this.ask = (host, type) -> {
            Query query;
            try {
                query = Query.of(host, type);
            } catch (IllegalArgumentException e) {
                return Mono.error(unknown(host, "not a valid host name", e));
            }
            return resolver.resolve(query);
        };
        this.preference = Objects.requireNonNull(preference, "preference");
    }

    /**
     * Host names are expanded with {@code search}'s domains and ndots (a trailing dot skips the search).
     * Each family is searched on its own, in parallel, as glibc's {@code getaddrinfo} does, so in rare
     * cases the A and AAAA answers come from different candidates.
     */
    public AddressLookup(SearchResolver search, AddressPreference preference) {
        Objects.requireNonNull(search, "search");
        this.ask = (host, type) -> search.search(host, type)
                .onErrorMap(IllegalArgumentException.class, e -> unknown(host, "not a valid host name", e))
                .map(SearchResolver.Found::answer);
        this.preference = Objects.requireNonNull(preference, "preference");
    }

    /** The family preference in use. */
    public AddressPreference preference() {
        return preference;
    }

    /** Each asked family's addresses, in arrival order; a family whose query failed is left out. */
    public Flux<HostDnsAddressResolverGroup.FamilyAddresses> byFamily(String host) {
        return Flux.defer(() -> {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AtomicInteger answered = new AtomicInteger();
            return families(host, errors).doOnNext(f -> answered.incrementAndGet())
                    .concatWith(Mono.defer(() -> answered.get() > 0 || errors.isEmpty() ? Mono.empty()
                            : Mono.error(failure(host, "", errors))));
        });
    }

    /** The families' addresses in arrival order; a family whose query failed adds its error to {@code errors}. */
    private Flux<HostDnsAddressResolverGroup.FamilyAddresses> families(String host, List<Throwable> errors) {
        List<InetAddress> local = local(host);
        if (local != null) {
            return Flux.fromIterable(local).groupBy(a -> a.getAddress().length == 16)
                    .flatMap(g -> g.collectList().map(list -> new HostDnsAddressResolverGroup.FamilyAddresses(
                            g.key() ? Type.AAAA : Type.A, list, null)));
        }
        List<Mono<HostDnsAddressResolverGroup.FamilyAddresses>> queries = new ArrayList<>(2);
        if (preference.wantsIpv4()) {
            queries.add(family(host, Type.A));
        }
        if (preference.wantsIpv6()) {
            queries.add(family(host, Type.AAAA));
        }
        return Flux.merge(Flux.fromIterable(queries).map(q -> q.onErrorResume(e -> {
            errors.add(e);
            return Mono.empty();
        })));
    }

    /** Every address, the preferred family first; fails with {@link UnknownHostException} when none. */
    public Mono<List<InetAddress>> all(String host) {
        return collect(host, false);
    }

    /**
     * One address: the preferred family's first, taken as soon as that family is answered (the other query
     * is then cancelled); the other family's first when the preferred one has none.
     */
    public Mono<InetAddress> first(String host) {
        return collect(host, true).map(list -> list.get(0));
    }

    private Mono<List<InetAddress>> collect(String host, boolean stopAtPreferred) {
        boolean v6 = preference.ipv6First();
        return Mono.defer(() -> {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Flux<HostDnsAddressResolverGroup.FamilyAddresses> families = families(host, errors);
            if (stopAtPreferred) {
                families = families.takeUntil(f -> f.ipv6() == v6 && !f.addresses().isEmpty());
            }
            return families.collectList().flatMap(list -> {
                List<InetAddress> ordered = new ArrayList<>();
                list.stream().filter(f -> f.ipv6() == v6).forEach(f -> ordered.addAll(f.addresses()));
                list.stream().filter(f -> f.ipv6() != v6).forEach(f -> ordered.addAll(f.addresses()));
                if (!ordered.isEmpty()) {
                    return Mono.just(List.copyOf(ordered));
                }
                StringBuilder rcodes = new StringBuilder();
                for (HostDnsAddressResolverGroup.FamilyAddresses f : list) {
                    rcodes.append(rcodes.length() == 0 ? "" : ", ").append(Type.string(f.type())).append(' ')
                            .append(f.answer() == null ? "local" : Rcode.string(f.answer().rcode()));
                }
                return Mono.error(errors.isEmpty() ? unknown(host, rcodes.toString(), null)
                        : failure(host, rcodes.toString(), errors));
            });
        });
    }

    private Mono<HostDnsAddressResolverGroup.FamilyAddresses> family(String host, int type) {
        return ask.ask(host, type).map(answer -> new HostDnsAddressResolverGroup.FamilyAddresses(type, addresses(answer, type), answer));
    }

    /** The A or AAAA records of the answer section (the end of a CNAME chain included). */
    static List<InetAddress> addresses(Answer answer, int type) {
        if (answer.rcode() != Rcode.NOERROR) {
            return List.of();
        }
        List<InetAddress> out = new ArrayList<>();
        for (Record r : answer.message().getSection(Section.ANSWER)) {
            if (r.getType() == type && r instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (r.getType() == type && r instanceof AAAARecord aaaa) {
                out.add(aaaa.getAddress());
            }
        }
        return out;
    }

    /** Addresses known without DNS: IP literals and {@code localhost}; null for any other name. */
    @Nullable List<InetAddress> local(String host) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return List.of(InetAddress.getByAddress(host, literal));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a parsed IP literal has a valid length", e);
            }
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.equals("localhost.")) {
            List<InetAddress> loopback = new ArrayList<>(2);
            if (preference.ipv6First() && preference.wantsIpv6()) {
                loopback.add(NetUtil.LOCALHOST6);
            }
            if (preference.wantsIpv4()) {
                loopback.add(NetUtil.LOCALHOST4);
            }
            if (!preference.ipv6First() && preference.wantsIpv6()) {
                loopback.add(NetUtil.LOCALHOST6);
            }
            return loopback;
        }
        return null;
    }

    /** No address, and at least one family failed: the first error is the cause, the others suppressed. */
    private static UnknownHostException failure(String host, String rcodes, List<Throwable> errors) {
        UnknownHostException e = unknown(host, (rcodes.isEmpty() ? "" : rcodes + ", ") + "lookup failed: "
                + errors.get(0).getMessage(), errors.get(0));
        for (int i = 1; i < errors.size(); i++) {
            e.addSuppressed(errors.get(i));
        }
        return e;
    }

    private static UnknownHostException unknown(String host, String why, @Nullable Throwable cause) {
        UnknownHostException e = new UnknownHostException(host + ": " + why);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
