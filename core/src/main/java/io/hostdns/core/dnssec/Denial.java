package io.hostdns.core.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The signed denial of existence in a response's authority section, from one zone: its SOA, NSEC and
 * NSEC3 RRsets signed by that zone, each verified with the zone's keys, and the proofs over them.
 * Any of them failing to verify, or no NSEC or NSEC3 at all, makes the denial bogus.
 */
final class Denial {

    private final Verdict verdict;
    private final List<RRset> rrsets;
    private final List<NSECRecord> nsecs;
    private final List<NSEC3Record> nsec3s;
    private final long ttl;

    private Denial(Verdict verdict, List<RRset> rrsets, List<NSECRecord> nsecs, List<NSEC3Record> nsec3s, long ttl) {
        this.verdict = verdict;
        this.rrsets = rrsets;
        this.nsecs = nsecs;
        this.nsec3s = nsec3s;
        this.ttl = ttl;
    }

    /** The denial in {@code response} by the zone of the trusted {@code keys}. */
    static Denial of(Message response, ZoneKeys keys, Instant now) {
        List<RRset> verified = new ArrayList<>();
        List<NSECRecord> nsecs = new ArrayList<>();
        List<NSEC3Record> nsec3s = new ArrayList<>();
        boolean unsigned = false;
        long ttl = ZoneKeys.MAX_TTL;
        for (RRset rrset : response.getSectionRRsets(Section.AUTHORITY)) {
            int type = rrset.getType();
            if (type != Type.NSEC && type != Type.NSEC3 && type != Type.SOA) {
                continue;
            }
            Name signer = RrsetVerifier.signer(rrset);
            if (signer == null) {
                unsigned = true;
                continue;
            }
            if (!signer.equals(keys.zone())) {
                continue; // another zone's (an answer that crossed zones through a CNAME)
            }
            RrsetVerifier.Result result = RrsetVerifier.verify(rrset, keys, now);
            if (!result.verdict().isSecure()) {
                return failed(result.verdict());
            }
            verified.add(rrset);
            ttl = Math.min(ttl, rrset.getTTL());
            for (Record r : rrset.rrs(false)) {
                if (r instanceof NSECRecord nsec) {
                    nsecs.add(nsec);
                } else if (r instanceof NSEC3Record nsec3) {
                    nsec3s.add(nsec3);
                }
            }
        }
        if (nsecs.isEmpty() && nsec3s.isEmpty()) {
            return failed(unsigned
                    ? Verdict.bogus(ExtendedErrorCodeOption.RRSIGS_MISSING, "the denial of existence from " + keys.zone()
                            + " is not signed")
                    : Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC or NSEC3 from " + keys.zone()
                            + " denies anything"));
        }
        return new Denial(Verdict.SECURE, verified, nsecs, nsec3s, ttl);
    }

    private static Denial failed(Verdict verdict) {
        return new Denial(verdict, List.of(), List.of(), List.of(), 0);
    }

    /** Secure when every denial record verified; else why not. */
    Verdict verdict() {
        return verdict;
    }

    /** The verified RRsets (SOA, NSEC, NSEC3) with their RRSIGs. */
    List<RRset> rrsets() {
        return rrsets;
    }

    /** The smallest TTL of the verified RRsets: how long what they prove may be kept. */
    long ttl() {
        return ttl;
    }

    DsAbsence dsAbsence(Name name) {
        if (!nsecs.isEmpty()) {
            return Nsec.dsAbsence(nsecs, name);
        }
        Nsec3 proofs = Nsec3.usable(nsec3s);
        return proofs == null ? DsAbsence.insecure(unusableNsec3()) : proofs.dsAbsence(name);
    }

    Verdict nameError(Name qname) {
        if (!nsecs.isEmpty()) {
            return Nsec.nameError(nsecs, qname);
        }
        Nsec3 proofs = Nsec3.usable(nsec3s);
        return proofs == null ? Verdict.insecure(unusableNsec3()) : proofs.nameError(qname);
    }

    Verdict noData(Name qname, int qtype) {
        if (!nsecs.isEmpty()) {
            return Nsec.noData(nsecs, qname, qtype);
        }
        Nsec3 proofs = Nsec3.usable(nsec3s);
        return proofs == null ? Verdict.insecure(unusableNsec3()) : proofs.noData(qname, qtype);
    }

    Verdict wildcardExpansion(Name qname, Name wildcard) {
        if (!nsecs.isEmpty()) {
            return Nsec.wildcardExpansion(nsecs, qname, wildcard);
        }
        Nsec3 proofs = Nsec3.usable(nsec3s);
        return proofs == null ? Verdict.insecure(unusableNsec3()) : proofs.wildcardExpansion(qname, wildcard);
    }

    private static String unusableNsec3() {
        return "the NSEC3 records use an unknown hash or more than " + Nsec3.MAX_ITERATIONS + " iterations";
    }
}
