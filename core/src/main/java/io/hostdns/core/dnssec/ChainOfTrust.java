package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * Finds the keys that govern a name (RFC 4035 section 5.1): from the closest trust anchor above it, down
 * one label at a time, asking the upstream for the DS of each name on the way (with DO and CD set) and,
 * where there is one, for the DNSKEYs it vouches for. A signed proof that a name has no DS either ends
 * the chain (a delegation: the zone below is insecure) or shows that there is no zone cut there. What is
 * found is kept in a {@link KeyCache}, so a name in a zone whose keys are known costs no query.
 *
 * <p>Key queries are subscriptions on the upstream like any other: cancelling the validation cancels them.
 */
final class ChainOfTrust {

    private final TrustAnchors anchors;
    private final KeyCache cache;
    private final Resolver upstream;
    private final Clock clock;

    ChainOfTrust(TrustAnchors anchors, KeyCache cache, Resolver upstream, Clock clock) {
        this.anchors = anchors;
        this.cache = cache;
        this.upstream = upstream;
        this.clock = clock;
    }

    /**
     * The keys of the zone that governs {@code name}: for a zone apex (e.g. a signer name) its own keys;
     * or that the zone is insecure, or bogus, or that no verdict could be reached.
     */
    Mono<ZoneKeys> keysFor(Name name) {
        Name anchor = anchors.closest(name);
        if (anchor == null) {
            return Mono.just(ZoneKeys.insecure(name, "no trust anchor is at or above " + name, ZoneKeys.MAX_TTL));
        }
        for (Name n = name; n.labels() >= anchor.labels(); n = Names.parent(n)) {
            ZoneKeys known = cache.get(n);
            if (known != null) {
                return known.isTrusted() ? descend(known, n, name) : Mono.just(known);
            }
            if (n.equals(anchor)) {
                break;
            }
        }
        return anchorKeys(anchor).flatMap(keys -> keys.isTrusted() ? descend(keys, anchor, name) : Mono.just(keys));
    }

    private Mono<ZoneKeys> anchorKeys(Name anchor) {
        return ask(anchor, Type.DNSKEY)
                .map(response -> KeySets.authenticate(anchor, rrset(response, anchor, Type.DNSKEY), anchors.ds(anchor),
                        ZoneKeys.MAX_TTL, clock.instant()))
                .onErrorResume(DnsException.class, e -> Mono.just(failedQuery(anchor, Type.DNSKEY, e)))
                .doOnNext(keys -> cache.put(anchor, keys));
    }

    /** Walks from {@code position}, governed by the trusted {@code keys}, down to {@code target}. */
    private Mono<ZoneKeys> descend(ZoneKeys keys, Name position, Name target) {
        if (position.equals(target)) {
            return Mono.just(keys);
        }
        Name next = Names.childOf(position, target);
        return ask(next, Type.DS)
                .flatMap(response -> step(keys, next, response))
                .onErrorResume(DnsException.class, e -> Mono.just(failedQuery(next, Type.DS, e)))
                .doOnNext(found -> cache.put(next, found))
                .flatMap(found -> found.isTrusted() && !next.equals(target) ? descend(found, next, target)
                        : Mono.just(found));
    }

    /** What the DS response for {@code next} (below the zone of {@code keys}) makes of it. */
    private Mono<ZoneKeys> step(ZoneKeys keys, Name next, Message response) {
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return Mono.just(ZoneKeys.failed(next, Verdict.indeterminate(
                    "the DS query for " + next + " was answered " + Rcode.string(rcode))));
        }
        RRset ds = rrset(response, next, Type.DS);
        if (ds != null) {
            RrsetVerifier.Result verified = RrsetVerifier.verify(ds, keys, clock.instant());
            if (!verified.verdict().isSecure()) {
                return Mono.just(ZoneKeys.failed(next, verified.verdict()));
            }
            List<DSRecord> records = new ArrayList<>();
            ds.rrs(false).forEach(r -> records.add((DSRecord) r));
            return ask(next, Type.DNSKEY)
                    .map(dnskeys -> KeySets.authenticate(next, rrset(dnskeys, next, Type.DNSKEY), records, ds.getTTL(),
                            clock.instant()))
                    .onErrorResume(DnsException.class, e -> Mono.just(failedQuery(next, Type.DNSKEY, e)));
        }
        if (rrset(response, next, Type.CNAME) != null) {
            return Mono.just(keys); // an alias is no zone cut
        }
        Denial denial = Denial.of(response, keys, clock.instant());
        if (!denial.verdict().isSecure()) {
            return Mono.just(ZoneKeys.failed(next, denial.verdict()));
        }
        DsAbsence absence = denial.dsAbsence(next);
        return Mono.just(switch (absence.kind()) {
            case NOT_A_CUT -> keys;
            case INSECURE -> ZoneKeys.insecure(next, absence.verdict().reason(), denial.ttl());
            case BOGUS -> ZoneKeys.failed(next, absence.verdict());
        });
    }

    private Mono<Message> ask(Name name, int type) {
        Query query = new Query(name, type, DClass.IN, true, true, Query.DEFAULT_UDP_PAYLOAD_SIZE);
        return Mono.defer(() -> upstream.resolve(query))
                .switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)))
                .map(Answer::message);
    }

    private static ZoneKeys failedQuery(Name name, int type, DnsException e) {
        return ZoneKeys.failed(name, Verdict.indeterminate(
                "the " + Type.string(type) + " query for " + name + " failed: " + e.getMessage()));
    }

    /** The RRset of {@code type} owned by {@code name} in the answer section, with its RRSIGs. */
    static @Nullable RRset rrset(Message response, Name name, int type) {
        for (RRset rrset : response.getSectionRRsets(Section.ANSWER)) {
            if (rrset.getType() == type && rrset.getName().equals(name)) {
                return rrset;
            }
        }
        return null;
    }
}
