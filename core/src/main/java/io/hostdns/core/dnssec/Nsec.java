package io.hostdns.core.dnssec;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Denial of existence with NSEC (RFC 4035 sections 3.1.3 and 5.4, RFC 4034 section 4), over NSEC records
 * already verified to be signed by {@code zone}. Names are compared in canonical order (dnsjava's
 * {@link Name#compareTo}); the last NSEC of a zone points back to the apex.
 */
final class Nsec {

    private Nsec() {
    }

    /** Whether {@code nsec} proves that {@code name} does not exist: it sorts strictly between owner and next. */
    static boolean covers(NSECRecord nsec, Name name) {
        Name owner = nsec.getName();
        Name next = nsec.getNext();
        if (owner.compareTo(name) >= 0) {
            return false;
        }
        if (owner.compareTo(next) >= 0) {
            return name.subdomain(next); // the zone's last NSEC: everything after it, in the zone
        }
        return next.compareTo(name) > 0;
    }

    /** NXDOMAIN: {@code qname} does not exist, nor does the wildcard that could have made it. */
    static Verdict nameError(List<NSECRecord> nsecs, Name qname) {
        NSECRecord cover = covering(nsecs, qname);
        if (cover == null) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC proves that " + qname + " does not exist");
        }
        if (delegatesAbove(cover, qname)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the NSEC at " + cover.getName()
                    + " is from above a zone cut, it cannot deny " + qname);
        }
        Name wildcard = Names.wildcardUnder(closestEncloser(cover, qname));
        for (NSECRecord nsec : nsecs) {
            if (nsec.getName().equals(wildcard)) {
                return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                        "NXDOMAIN for " + qname + " but the wildcard " + wildcard + " exists");
            }
        }
        if (covering(nsecs, wildcard) == null) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC proves that " + wildcard + " does not exist");
        }
        return Verdict.SECURE;
    }

    /** NODATA: {@code qname} exists (or is an empty non-terminal, or matches a wildcard) without {@code qtype}. */
    static Verdict noData(List<NSECRecord> nsecs, Name qname, int qtype) {
        for (NSECRecord nsec : nsecs) {
            if (nsec.getName().equals(qname)) {
                return typeAbsent(nsec, qname, qtype);
            }
        }
        NSECRecord cover = covering(nsecs, qname);
        if (cover != null && cover.getNext().subdomain(qname)) {
            return Verdict.SECURE; // an empty non-terminal: names exist below it, nothing at it
        }
        if (cover != null && !delegatesAbove(cover, qname)) {
            Name wildcard = Names.wildcardUnder(closestEncloser(cover, qname));
            for (NSECRecord nsec : nsecs) {
                if (nsec.getName().equals(wildcard)) {
                    return typeAbsent(nsec, qname, qtype);
                }
            }
        }
        return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING,
                "no NSEC proves that " + qname + " has no " + Type.string(qtype));
    }

    /** A positive answer expanded from {@code wildcard}: no closer match for {@code qname} exists. */
    static Verdict wildcardExpansion(List<NSECRecord> nsecs, Name qname, Name wildcard) {
        NSECRecord cover = covering(nsecs, qname);
        if (cover == null || !closestEncloser(cover, qname).equals(Names.parent(wildcard))) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING,
                    "no NSEC proves that " + qname + " had to be synthesized from " + wildcard);
        }
        return Verdict.SECURE;
    }

    /** What the NSEC records say about a name that has no DS. */
    static DsAbsence dsAbsence(List<NSECRecord> nsecs, Name name) {
        for (NSECRecord nsec : nsecs) {
            if (nsec.getName().equals(name)) {
                if (nsec.hasType(Type.DS)) {
                    return DsAbsence.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the NSEC at " + name + " lists a DS");
                }
                if (nsec.hasType(Type.SOA)) {
                    return DsAbsence.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                            "the NSEC at " + name + " is the child zone's: it cannot deny a DS");
                }
                return nsec.hasType(Type.NS) ? DsAbsence.insecure(name + " is delegated without DS")
                        : DsAbsence.NOT_A_CUT;
            }
        }
        if (covering(nsecs, name) != null) {
            return DsAbsence.NOT_A_CUT; // an empty non-terminal or no name at all: no zone cut here
        }
        return DsAbsence.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC proves that " + name + " has no DS");
    }

    private static Verdict typeAbsent(NSECRecord nsec, Name qname, int qtype) {
        if (nsec.hasType(qtype) || (qtype != Type.CNAME && nsec.hasType(Type.CNAME))) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the NSEC at " + nsec.getName() + " lists "
                    + (nsec.hasType(qtype) ? Type.string(qtype) : "CNAME") + ", yet " + qname + " has none");
        }
        if (qtype != Type.DS && nsec.hasType(Type.NS) && !nsec.hasType(Type.SOA)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    "the NSEC at " + nsec.getName() + " is the parent's, at a zone cut: it cannot deny " + Type.string(qtype));
        }
        if (qtype == Type.DS && nsec.hasType(Type.SOA)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    "the NSEC at " + nsec.getName() + " is the child zone's: it cannot deny a DS");
        }
        return Verdict.SECURE;
    }

    private static @Nullable NSECRecord covering(List<NSECRecord> nsecs, Name name) {
        for (NSECRecord nsec : nsecs) {
            if (covers(nsec, name)) {
                return nsec;
            }
        }
        return null;
    }

    /** Whether the covering NSEC sits at a zone cut or DNAME above {@code name}, where it proves nothing below. */
    private static boolean delegatesAbove(NSECRecord cover, Name name) {
        return name.subdomain(cover.getName()) && (cover.hasType(Type.DNAME)
                || (cover.hasType(Type.NS) && !cover.hasType(Type.SOA)));
    }

    /** The closest encloser of a name that {@code cover} proves absent: its longest existing ancestor. */
    private static Name closestEncloser(NSECRecord cover, Name name) {
        Name viaOwner = Names.commonAncestor(name, cover.getName());
        Name viaNext = Names.commonAncestor(name, cover.getNext());
        return viaOwner.labels() >= viaNext.labels() ? viaOwner : viaNext;
    }
}
