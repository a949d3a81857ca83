package io.hostdns.core.dnssec;

import io.hostdns.core.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Validates one NOERROR or NXDOMAIN response to one question (RFC 4035 section 5): every RRset on the
 * {@link AnswerChain} is verified with the keys of the zone that signed it (or, unsigned, must lie in an
 * insecure zone); an RRset expanded from a wildcard needs the proof that no closer name exists; an
 * NXDOMAIN or NODATA needs the signed denial from the zone of the last name. The verdict is the worst of
 * the parts, and a secure response is rebuilt from exactly the RRsets that were verified.
 */
final class ResponseValidator {

    /**
     * @param verdict what was established
     * @param secured when secure: the response reduced to the verified RRsets (question, answer path and
     *                denial); otherwise the response as received
     */
    record Outcome(Verdict verdict, Message secured) {
    }

    /** A verdict on part of a response, with the authority RRsets that proved it. */
    private record Part(Verdict verdict, List<RRset> proof) {

        static Part of(Verdict verdict) {
            return new Part(verdict, List.of());
        }

        Part and(Part other) {
            List<RRset> all = new ArrayList<>(proof);
            for (RRset r : other.proof) {
                if (all.stream().noneMatch(a -> a.getType() == r.getType() && a.getName().equals(r.getName()))) {
                    all.add(r);
                }
            }
            return new Part(verdict.and(other.verdict), all);
        }
    }

    private final ChainOfTrust chain;
    private final Clock clock;

    ResponseValidator(ChainOfTrust chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    Mono<Outcome> validate(Query query, Message response) {
        if (query.type() == Type.RRSIG) {
            return Mono.just(new Outcome(Verdict.insecure("an RRSIG answer has no signature of its own"), response));
        }
        AnswerChain path = AnswerChain.follow(query, response);
        if (path.malformed() != null) {
            return Mono.just(new Outcome(path.malformed(), response));
        }
        Mono<Part> denial = path.hasData() ? Mono.just(Part.of(Verdict.SECURE))
                : denial(response, path.lastName(), query.type());
        return Flux.fromIterable(path.rrsets())
                .concatMap(rrset -> rrset(rrset, response))
                .concatWith(denial)
                .takeUntil(part -> part.verdict().status() == Verdict.Status.BOGUS)
                .reduce(Part::and)
                .defaultIfEmpty(Part.of(Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "an empty answer")))
                .map(part -> new Outcome(part.verdict(),
                        part.verdict().isSecure() ? secured(response, path.kept(), part.proof()) : response));
    }

    /** One RRset of the answer path: verified with its signer's keys; a wildcard expansion proven. */
    private Mono<Part> rrset(RRset rrset, Message response) {
        Name signer = RrsetVerifier.signer(rrset);
        return chain.keysFor(signer != null ? signer : rrset.getName()).map(keys -> {
            String what = rrset.getName() + " " + Type.string(rrset.getType());
            if (!keys.isTrusted()) {
                return Part.of(keys.verdict());
            }
            if (signer == null) {
                return Part.of(Verdict.bogus(ExtendedErrorCodeOption.RRSIGS_MISSING,
                        what + " has no RRSIG, but " + keys.zone() + " is signed"));
            }
            if (!keys.zone().equals(signer)) {
                return Part.of(Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                        what + " is signed by " + signer + ", which is no signed zone"));
            }
            Instant now = clock.instant();
            RrsetVerifier.Result result = RrsetVerifier.verify(rrset, keys, now);
            if (!result.verdict().isSecure() || result.wildcard() == null) {
                return Part.of(result.verdict());
            }
            Denial denial = Denial.of(response, keys, now);
            return new Part(denial.verdict().isSecure()
                    ? denial.wildcardExpansion(rrset.getName(), result.wildcard()) : denial.verdict(), denial.rrsets());
        });
    }

    /** NXDOMAIN or NODATA for {@code name}: the denial signed by the zone of {@code name}. */
    private Mono<Part> denial(Message response, Name name, int qtype) {
        Name signer = null;
        for (RRset rrset : response.getSectionRRsets(Section.AUTHORITY)) {
            Name s = RrsetVerifier.signer(rrset);
            if (s != null && name.subdomain(s) && (rrset.getType() == Type.NSEC || rrset.getType() == Type.NSEC3
                    || rrset.getType() == Type.SOA)) {
                signer = s;
                break;
            }
        }
        Name zone = signer;
        boolean nxdomain = response.getRcode() == Rcode.NXDOMAIN;
        return chain.keysFor(zone != null ? zone : name).map(keys -> {
            if (!keys.isTrusted()) {
                return Part.of(keys.verdict());
            }
            if (zone != null && !keys.zone().equals(zone)) {
                return Part.of(Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                        "the denial for " + name + " is signed by " + zone + ", which is no signed zone"));
            }
            Denial denial = Denial.of(response, keys, clock.instant());
            if (!denial.verdict().isSecure()) {
                return Part.of(denial.verdict());
            }
            return new Part(nxdomain ? denial.nameError(name) : denial.noData(name, qtype), denial.rrsets());
        });
    }

    private static Message secured(Message response, List<RRset> answer, List<RRset> authority) {
        Header from = response.getHeader();
        Message m = new Message(from.getID());
        Header h = m.getHeader();
        h.setOpcode(from.getOpcode());
        h.setRcode(from.getRcode());
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.CD}) {
            if (from.getFlag(flag)) {
                h.setFlag(flag);
            }
        }
        Record question = response.getQuestion();
        if (question != null) {
            m.addRecord(question, Section.QUESTION);
        }
        add(m, answer, Section.ANSWER);
        add(m, authority, Section.AUTHORITY);
        return m;
    }

    private static void add(Message m, List<RRset> rrsets, int section) {
        for (RRset rrset : rrsets) {
            rrset.rrs(false).forEach(r -> m.addRecord(r, section));
            rrset.sigs().forEach(r -> m.addRecord(r, section));
        }
    }
}
