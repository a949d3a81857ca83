package io.hostdns.core.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Hashed denial of existence with NSEC3 (RFC 5155 section 8), over NSEC3 records already verified to be
 * signed by one zone. Records with an unknown hash algorithm are ignored; records with more than
 * {@value #MAX_ITERATIONS} extra iterations make the answer insecure (RFC 9276 section 3.2), which also
 * bounds the hashing an answer can cost.
 */
final class Nsec3 {

    static final int MAX_ITERATIONS = 150;
    private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

    private final List<NSEC3Record> records;

    /** The closest encloser proof of RFC 5155 section 8.3. */
    private record Encloser(Name closest, NSEC3Record match, @Nullable Name nextCloser, @Nullable NSEC3Record cover) {
    }

    private Nsec3(List<NSEC3Record> records) {
        this.records = records;
    }

    /**
     * The proofs over {@code records}, or null when they cannot prove anything secure (an answer relying on
     * them is then insecure): no record with a known hash algorithm, or too many iterations.
     */
    static @Nullable Nsec3 usable(List<NSEC3Record> records) {
        if (records.isEmpty()) {
            return null;
        }
        Name zone = Names.parent(records.get(0).getName());
        List<NSEC3Record> known = records.stream()
                .filter(r -> r.getHashAlgorithm() == NSEC3Record.SHA1_DIGEST_ID && Names.parent(r.getName()).equals(zone))
                .toList();
        if (known.isEmpty() || known.stream().anyMatch(r -> r.getIterations() > MAX_ITERATIONS)) {
            return null;
        }
        return new Nsec3(known);
    }

    /** NXDOMAIN: a closest encloser, a covered next closer name and a covered wildcard. */
    Verdict nameError(Name qname) {
        Encloser e = closestEncloser(qname);
        if (e == null || e.nextCloser() == null || e.cover() == null) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC3 closest encloser proof for " + qname);
        }
        if (isCut(e.match()) || e.match().hasType(Type.DNAME)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    "the closest encloser " + e.closest() + " is a zone cut or DNAME: it cannot deny " + qname);
        }
        if (isOptOut(e.cover())) {
            return Verdict.insecure(qname + " falls in an NSEC3 opt-out span");
        }
        Name wildcard = Names.wildcardUnder(e.closest());
        byte[] hash = hash(wildcard);
        if (matching(hash) != null) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "NXDOMAIN for " + qname + " but " + wildcard + " exists");
        }
        if (covering(hash) == null) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC3 proves that " + wildcard + " does not exist");
        }
        return Verdict.SECURE;
    }

    /** NODATA: a matching NSEC3 without the type, a DS opt-out proof, or a matching wildcard without it. */
    Verdict noData(Name qname, int qtype) {
        NSEC3Record match = matching(hash(qname));
        if (match != null) {
            return typeAbsent(match, qname, qtype);
        }
        Encloser e = closestEncloser(qname);
        if (e != null && e.nextCloser() != null && e.cover() != null) {
            if (qtype == Type.DS && isOptOut(e.cover())) {
                return Verdict.insecure(qname + " falls in an NSEC3 opt-out span");
            }
            NSEC3Record wildcard = matching(hash(Names.wildcardUnder(e.closest())));
            if (wildcard != null) {
                return typeAbsent(wildcard, qname, qtype);
            }
        }
        return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING,
                "no NSEC3 proves that " + qname + " has no " + Type.string(qtype));
    }

    /** A positive answer expanded from {@code wildcard}: the next closer name of {@code qname} is covered. */
    Verdict wildcardExpansion(Name qname, Name wildcard) {
        Name nextCloser = Names.childOf(Names.parent(wildcard), qname);
        if (covering(hash(nextCloser)) == null) {
            return Verdict.bogus(ExtendedErrorCodeOption.NSEC_MISSING,
                    "no NSEC3 proves that " + qname + " had to be synthesized from " + wildcard);
        }
        return Verdict.SECURE;
    }

    /** What the NSEC3 records say about a name that has no DS. */
    DsAbsence dsAbsence(Name name) {
        NSEC3Record match = matching(hash(name));
        if (match != null) {
            if (match.hasType(Type.DS) || match.hasType(Type.SOA)) {
                return DsAbsence.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                        "the NSEC3 of " + name + " lists " + (match.hasType(Type.DS) ? "a DS" : "an SOA"));
            }
            return match.hasType(Type.NS) ? DsAbsence.insecure(name + " is delegated without DS") : DsAbsence.NOT_A_CUT;
        }
        Encloser e = closestEncloser(name);
        if (e != null && e.nextCloser() != null && e.cover() != null) {
            return isOptOut(e.cover()) ? DsAbsence.insecure(name + " falls in an NSEC3 opt-out span")
                    : DsAbsence.NOT_A_CUT;
        }
        return DsAbsence.bogus(ExtendedErrorCodeOption.NSEC_MISSING, "no NSEC3 proves that " + name + " has no DS");
    }

    private Verdict typeAbsent(NSEC3Record match, Name qname, int qtype) {
        if (match.hasType(qtype) || (qtype != Type.CNAME && match.hasType(Type.CNAME))) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the NSEC3 of " + qname + " lists "
                    + (match.hasType(qtype) ? Type.string(qtype) : "CNAME"));
        }
        if (qtype != Type.DS && isCut(match)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    "the NSEC3 of " + qname + " is the parent's, at a zone cut: it cannot deny " + Type.string(qtype));
        }
        if (qtype == Type.DS && match.hasType(Type.SOA)) {
            return Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the NSEC3 of " + qname + " is the child zone's");
        }
        return Verdict.SECURE;
    }

    /** The longest ancestor of {@code name} (or itself) with a matching NSEC3, and the cover of the next closer. */
    private @Nullable Encloser closestEncloser(Name name) {
        Name zone = Names.parent(records.get(0).getName());
        Name candidate = name;
        byte[] previousHash = null;
        Name previous = null;
        while (candidate.subdomain(zone)) {
            byte[] hash = hash(candidate);
            NSEC3Record match = matching(hash);
            if (match != null) {
                return new Encloser(candidate, match, previous, previous == null ? null : covering(previousHash));
            }
            if (candidate.equals(zone)) {
                return null;
            }
            previous = candidate;
            previousHash = hash;
            candidate = Names.parent(candidate);
        }
        return null;
    }

    private byte[] hash(Name name) {
        try {
            return records.get(0).hashName(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private @Nullable NSEC3Record matching(byte[] hash) {
        for (NSEC3Record r : records) {
            if (Arrays.equals(ownerHash(r), hash)) {
                return r;
            }
        }
        return null;
    }

    private @Nullable NSEC3Record covering(byte[] hash) {
        for (NSEC3Record r : records) {
            byte[] owner = ownerHash(r);
            byte[] next = r.getNext();
            boolean covered = Arrays.compareUnsigned(owner, next) < 0
                    ? Arrays.compareUnsigned(owner, hash) < 0 && Arrays.compareUnsigned(hash, next) < 0
                    : Arrays.compareUnsigned(owner, hash) < 0 || Arrays.compareUnsigned(hash, next) < 0;
            if (covered) {
                return r;
            }
        }
        return null;
    }

    private static byte[] ownerHash(NSEC3Record r) {
        byte[] decoded = BASE32HEX.fromString(r.getName().getLabelString(0));
        return decoded == null ? new byte[0] : decoded;
    }

    private static boolean isCut(NSEC3Record r) {
        return r.hasType(Type.NS) && !r.hasType(Type.SOA);
    }

    private static boolean isOptOut(NSEC3Record r) {
        return (r.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
    }
}
