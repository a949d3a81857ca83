package io.hostdns.core.internal.guard;

import io.hostdns.core.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The poisoning defence of a forwarder that caches whole messages: from an upstream response it keeps
 * only what belongs to the question's chain, so a compromised or spoofing upstream cannot plant records
 * for names nobody asked about.
 *
 * <ul>
 *   <li>answer: records owned by the names on the CNAME/DNAME chain that starts at the query name (each
 *       CNAME target and each DNAME-synthesised name joins the chain; a DNAME is kept when the chain's
 *       name is below its owner), of the query's class, and of the query's type, CNAME, DNAME or their
 *       RRSIGs; anything else (another owner, another type) is dropped;</li>
 *   <li>authority: SOA, NS, DS, NSEC, NSEC3 and RRSIG records whose owner is an ancestor of (or equal to)
 *       the last name of the chain, i.e. in bailiwick of what was asked; and the denial of existence of the
 *       zone that holds that name: NSEC and NSEC3 records (and their RRSIGs) owned by names in a zone at or
 *       above the last name, as named by an SOA or an RRSIG signer in the section (an NXDOMAIN's NSEC sits
 *       at a neighbouring name, an NSEC3 at a hashed one: a validating asker needs them, RFC 4035 3.1.3);
 *       others are dropped;</li>
 *   <li>additional: only the OPT pseudo-record and address/glue records (A, AAAA) of the names an NS
 *       record kept in the authority section points to; everything else is dropped.</li>
 * </ul>
 * Records a truncated (TC=1) message announces but does not carry count as dropped, so its header counts
 * always match what is kept. Header flags, question and rcode are kept as they are. Pure and thread-safe; the given message is not changed.
 */
public final class ResponseSanitizer {

    /** Longest CNAME/DNAME chain followed; a longer one is a loop or an attack. */
    static final int MAX_CHAIN = 16;

    private ResponseSanitizer() {
    }

    /** The outcome: the kept message and how many records were dropped (0: the input was clean). */
    public record Result(Message message, int dropped) {
    }

    /** Sanitises {@code response} to {@code query}; returns a new message. */
    public static Result sanitize(Message response, Query query) {
        Message out = response.clone();
        int dropped = 0;
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            dropped += recount(out, section);
        }
        List<Name> chain = chain(response, query);
        Name last = chain.get(chain.size() - 1);
        dropped += keepOnly(out, Section.ANSWER, r -> inChain(r, query, chain));
        Set<Name> zones = denialZones(response, last);
        dropped += keepOnly(out, Section.AUTHORITY, r -> r.getDClass() == query.dclass() && authorityType(r.getType())
                && (last.subdomain(r.getName()) || (isDenial(r) && zones.stream().anyMatch(r.getName()::subdomain))));
        Set<Name> glueNames = new HashSet<>();
        for (Record ns : out.getSection(Section.AUTHORITY)) {
            if (ns.getType() == Type.NS) {
                glueNames.add(ns.getAdditionalName());
            }
        }
        dropped += keepOnly(out, Section.ADDITIONAL, r -> r.getType() == Type.OPT
                || ((r.getType() == Type.A || r.getType() == Type.AAAA) && glueNames.contains(r.getName())));
        return new Result(out, dropped);
    }

    /** The names of the chain from the query name, in order; the first is the query name. */
    static List<Name> chain(Message response, Query query) {
        List<Name> chain = new ArrayList<>();
        chain.add(query.name());
        List<Record> answers = response.getSection(Section.ANSWER);
        for (int step = 0; step < MAX_CHAIN; step++) {
            Name next = nextInChain(answers, chain.get(chain.size() - 1), query);
            if (next == null || chain.contains(next)) {
                break;
            }
            chain.add(next);
        }
        return chain;
    }

    private static @Nullable Name nextInChain(List<Record> answers, Name current, Query query) {
        if (query.type() == Type.CNAME) {
            return null; // the CNAME itself is the answer; its target was not asked for
        }
        for (Record r : answers) {
            if (r.getDClass() != query.dclass()) {
                continue;
            }
            if (r instanceof CNAMERecord cname && cname.getName().equals(current)) {
                return cname.getTarget();
            }
            if (r instanceof DNAMERecord dname && query.type() != Type.DNAME && current.subdomain(dname.getName())
                    && !current.equals(dname.getName())) {
                try {
                    return current.fromDNAME(dname);
                } catch (NameTooLongException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean inChain(Record r, Query query, List<Name> chain) {
        if (r.getDClass() != query.dclass()) {
            return false;
        }
        int type = r.getType() == Type.RRSIG ? ((org.xbill.DNS.RRSIGRecord) r).getTypeCovered() : r.getType();
        if (type == Type.DNAME) {
            // kept when it rewrote a name of the chain (its owner is a proper ancestor of one) or was asked for
            for (Name name : chain) {
                if (name.subdomain(r.getName()) && (!name.equals(r.getName()) || query.type() == Type.DNAME)) {
                    return true;
                }
            }
            return false;
        }
        if (!chain.contains(r.getName())) {
            return false;
        }
        return type == query.type() || type == Type.CNAME || query.type() == Type.ANY;
    }

    /** The zones at or above {@code last} that the authority section names: SOA owners and RRSIG signers. */
    private static Set<Name> denialZones(Message response, Name last) {
        Set<Name> zones = new HashSet<>();
        for (Record r : response.getSection(Section.AUTHORITY)) {
            Name zone = r instanceof SOARecord ? r.getName() : r instanceof RRSIGRecord sig ? sig.getSigner() : null;
            if (zone != null && last.subdomain(zone)) {
                zones.add(zone);
            }
        }
        return zones;
    }

    /** An NSEC or NSEC3 record, or an RRSIG over one. */
    private static boolean isDenial(Record r) {
        int type = r instanceof RRSIGRecord sig ? sig.getTypeCovered() : r.getType();
        return type == Type.NSEC || type == Type.NSEC3;
    }

    private static boolean authorityType(int type) {
        return type == Type.SOA || type == Type.NS || type == Type.DS || type == Type.NSEC || type == Type.NSEC3
                || type == Type.RRSIG;
    }

    /**
     * Makes the header count of {@code section} match its records. dnsjava decodes a TC=1 message leniently:
     * records after the first undecodable one are left out while the header keeps the counts of the wire
     * (found by fuzzing: such an answer looked clean here and its raw bytes, garbage included, were relayed).
     * Returns how many announced records are missing.
     */
    private static int recount(Message message, int section) {
        List<Record> present = new ArrayList<>(message.getSection(section));
        int missing = message.getHeader().getCount(section) - present.size();
        if (missing != 0) {
            message.removeAllRecords(section);
            present.forEach(r -> message.addRecord(r, section));
        }
        return Math.abs(missing);
    }

    private interface Keep {
        boolean test(Record r);
    }

    private static int keepOnly(Message message, int section, Keep keep) {
        int dropped = 0;
        // a copy: removing while iterating the message's own list is not allowed
        for (Record r : new ArrayList<>(message.getSection(section))) {
            if (!keep.test(r)) {
                message.removeRecord(r, section);
                dropped++;
            }
        }
        return dropped;
    }
}
