package io.hostdns.core.dnssec;

import io.hostdns.core.Query;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answer section of a response read from the question on: the CNAME and DNAME RRsets that lead from
 * the question's name to the last name ({@link #lastName()}), and the RRsets of the asked type at it.
 * RRsets off that path are not part of the answer (and are dropped from a secure one). A CNAME
 * synthesized from a DNAME (RFC 6672) is kept without a signature of its own when it matches the DNAME.
 *
 * @param rrsets    the RRsets on the path, in order, each to be verified
 * @param kept      every RRset to keep in a secure answer: {@code rrsets} and synthesized CNAMEs
 * @param lastName  the name the path ends at
 * @param hasData   whether the asked type was found at the last name
 * @param malformed why the path makes no sense (bogus), or null
 */
record AnswerChain(List<RRset> rrsets, List<RRset> kept, Name lastName, boolean hasData, @Nullable Verdict malformed) {

    /** Longest CNAME/DNAME path followed (as resolvers do, to stop loops). */
    static final int MAX_ALIASES = 16;

    static AnswerChain follow(Query query, Message response) {
        List<RRset> rrsets = new ArrayList<>();
        List<RRset> kept = new ArrayList<>();
        Name name = query.name();
        int qtype = query.type();
        boolean hasData = false;
        Name synthesizedOwner = null;
        Name synthesizedTarget = null;
        int aliases = 0;
        for (RRset rrset : response.getSectionRRsets(Section.ANSWER)) {
            int type = rrset.getType();
            Name owner = rrset.getName();
            if (synthesizedOwner != null && type == Type.CNAME && owner.equals(synthesizedOwner)) {
                if (!((CNAMERecord) rrset.first()).getTarget().equals(synthesizedTarget)) {
                    return malformed(name, "the CNAME at " + owner + " does not follow from its DNAME");
                }
                kept.add(rrset);
                synthesizedOwner = null;
                continue;
            }
            if (type == Type.DNAME && qtype != Type.DNAME && name.subdomain(owner) && !name.equals(owner)) {
                try {
                    synthesizedTarget = name.fromDNAME((DNAMERecord) rrset.first());
                } catch (NameTooLongException e) {
                    return malformed(name, "the DNAME at " + owner + " makes " + name + " too long");
                }
                synthesizedOwner = name;
                name = synthesizedTarget;
            } else if (!owner.equals(name)) {
                continue;
            } else if (type == Type.CNAME && qtype != Type.CNAME && qtype != Type.ANY) {
                name = ((CNAMERecord) rrset.first()).getTarget();
            } else if (type == qtype || (qtype == Type.ANY && type != Type.RRSIG)) {
                hasData = true;
            } else {
                continue;
            }
            if (type == Type.CNAME || type == Type.DNAME) {
                if (++aliases > MAX_ALIASES) {
                    return malformed(name, "more than " + MAX_ALIASES + " CNAMEs and DNAMEs in a row");
                }
            }
            rrsets.add(rrset);
            kept.add(rrset);
        }
        if (hasData && response.getRcode() == Rcode.NXDOMAIN) {
            return malformed(name, "NXDOMAIN with the asked data for " + name);
        }
        return new AnswerChain(rrsets, kept, name, hasData, null);
    }

    private static AnswerChain malformed(Name name, String reason) {
        return new AnswerChain(List.of(), List.of(), name, false,
                Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, reason));
    }
}
