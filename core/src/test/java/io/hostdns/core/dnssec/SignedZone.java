package io.hostdns.core.dnssec;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.TestAnswers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small DNSSEC-signed zone in memory, signed in Java with one ECDSA P-256 key (algorithm 13, a
 * combined signing key with flags 257), for tests and benchmarks that need real signatures without a
 * signing tool: it answers a query as a signing authoritative server would (the RRset and its RRSIG;
 * NXDOMAIN and NODATA with SOA and NSEC proofs), and its DS is the trust anchor.
 * Test-jar fixture; the benchmarks use it too.
 */
public final class SignedZone {

    private static final long TTL = 3600;

    private final Name origin;
    private final boolean signed;
    private final DNSKEYRecord key;
    private final KeyPair keys;
    private final Map<Name, Map<Integer, RRset>> names = new TreeMap<>();

    private SignedZone(Name origin, boolean signed) {
        this.origin = origin;
        this.signed = signed;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
            this.key = new DNSKEYRecord(origin, DClass.IN, TTL, 257, DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.ECDSAP256SHA256, keys.getPublic());
        } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot make a P-256 key", e);
        }
        add(new SOARecord(origin, DClass.IN, TTL, name("ns"), name("hostmaster"), 1, 3600, 600, 86400, 300));
        add(new NSRecord(origin, DClass.IN, TTL, name("ns")));
        if (signed) {
            add(key);
        }
    }

    /** An empty zone (SOA, NS, DNSKEY) for {@code origin}, with a fresh key. */
    public static SignedZone create(String origin) {
        return new SignedZone(absolute(origin), true);
    }

    /** An empty unsigned zone (SOA, NS): it answers without RRSIG, NSEC or DNSKEY. */
    public static SignedZone unsigned(String origin) {
        return new SignedZone(absolute(origin), false);
    }

    private static Name absolute(String name) {
        return Name.fromConstantString(name.endsWith(".") ? name : name + ".");
    }

    /** Delegates {@code child} from this zone: its NS, and its DS when it is signed. */
    public SignedZone delegate(SignedZone child) {
        add(new NSRecord(child.origin, DClass.IN, TTL, child.name("ns")));
        if (child.signed) {
            add(child.ds());
        }
        return this;
    }

    /**
     * The response of the zones as one authoritative server of all of them: each question goes to the
     * deepest zone it is in, a DS question to the zone above the name (the parent side of a cut).
     */
    public static Answer answer(List<SignedZone> zones, Query query) {
        SignedZone best = null;
        for (SignedZone zone : zones) {
            boolean inZone = query.type() == Type.DS
                    ? query.name().subdomain(zone.origin) && !query.name().equals(zone.origin)
                    : query.name().subdomain(zone.origin);
            if (inZone && (best == null || zone.origin.labels() > best.origin.labels())) {
                best = zone;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no zone serves " + query);
        }
        return best.answer(query);
    }

    /** The zone's apex. */
    public Name origin() {
        return origin;
    }

    /** {@code label} under the origin, e.g. {@code www} for {@code www.<origin>}. */
    public Name name(String label) {
        return Name.fromConstantString(label + "." + origin);
    }

    /** Adds a record (its RRset is signed when served). */
    public SignedZone add(Record record) {
        names.computeIfAbsent(record.getName(), n -> new TreeMap<>())
                .computeIfAbsent(record.getType(), t -> new RRset()).addRR(record);
        return this;
    }

    /** The zone's key. */
    public DNSKEYRecord dnskey() {
        return key;
    }

    /** The DS of the zone's key (SHA-256): the zone's trust anchor. */
    public DSRecord ds() {
        return new DSRecord(origin, DClass.IN, TTL, DNSSEC.Digest.SHA256, key);
    }

    /** Validation with this zone's DS as the only trust anchor. */
    public DnssecValidation anchor() {
        return DnssecValidation.of(List.of(ds()));
    }

    /** The signed response to {@code query}, signatures valid from an hour ago for a day. */
    public Answer answer(Query query) {
        Instant now = Instant.now();
        return answer(query, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    /** The signed response to {@code query} with signatures valid from {@code inception} to {@code expiration}. */
    public Answer answer(Query query, Instant inception, Instant expiration) {
        Message m = TestAnswers.reply(query, Rcode.NOERROR);
        m.getHeader().setFlag(Flags.AA);
        Map<Integer, RRset> node = names.get(query.name());
        RRset rrset = node == null ? null : node.get(query.type());
        if (rrset == null && node != null && query.type() != Type.CNAME) {
            rrset = node.get(Type.CNAME);
        }
        RRset wildcard = node == null ? wildcardFor(query.name(), query.type()) : null;
        if (rrset != null) {
            addSigned(m, rrset, Section.ANSWER, inception, expiration);
        } else if (wildcard != null) {
            addExpanded(m, wildcard, query.name(), inception, expiration);
            addSigned(m, nsecCovering(query.name()), Section.AUTHORITY, inception, expiration);
        } else {
            addSigned(m, names.get(origin).get(Type.SOA), Section.AUTHORITY, inception, expiration);
            if (!signed) {
                m.getHeader().setRcode(node == null ? Rcode.NXDOMAIN : Rcode.NOERROR);
            } else if (node == null) {
                m.getHeader().setRcode(Rcode.NXDOMAIN);
                addSigned(m, nsecCovering(query.name()), Section.AUTHORITY, inception, expiration);
                RRset wildcardNsec = nsecCovering(Name.fromConstantString("*." + origin));
                if (!wildcardNsec.getName().equals(nsecCovering(query.name()).getName())) {
                    addSigned(m, wildcardNsec, Section.AUTHORITY, inception, expiration);
                }
            } else {
                addSigned(m, nsec(query.name()), Section.AUTHORITY, inception, expiration);
            }
        }
        return Answer.of(m, AnswerSource.upstream(TestAnswers.UPSTREAM));
    }

    private void addSigned(Message m, RRset rrset, int section, Instant inception, Instant expiration) {
        rrset.rrs(false).forEach(r -> m.addRecord(r, section));
        if (!signed) {
            return;
        }
        try {
            m.addRecord(DNSSEC.sign(rrset, key, keys.getPrivate(), inception, expiration), section);
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot sign " + rrset, e);
        }
    }

    /** The RRset of {@code type} at the wildcard {@code *.<ancestor>} closest to the absent {@code name}, if any. */
    private RRset wildcardFor(Name name, int type) {
        for (Name n = new Name(name, 1); n.subdomain(origin); n = new Name(n, 1)) {
            Map<Integer, RRset> node = names.get(Name.fromConstantString("*." + n));
            if (node != null) {
                return node.get(type);
            }
            if (names.containsKey(n) || n.equals(origin)) {
                return null;
            }
        }
        return null;
    }

    /** {@code wildcard}'s records as answers for {@code name}, with the RRSIG made over the wildcard. */
    private void addExpanded(Message m, RRset wildcard, Name name, Instant inception, Instant expiration) {
        wildcard.rrs(false).forEach(r -> m.addRecord(r.withName(name), Section.ANSWER));
        if (signed) {
            try {
                m.addRecord(DNSSEC.sign(wildcard, key, keys.getPrivate(), inception, expiration).withName(name),
                        Section.ANSWER);
            } catch (DNSSEC.DNSSECException e) {
                throw new IllegalStateException("cannot sign " + wildcard, e);
            }
        }
    }

    /** The NSEC record of an existing {@code owner}: the next name in canonical order and its types. */
    private RRset nsec(Name owner) {
        List<Name> ordered = new ArrayList<>(names.keySet());
        Name next = ordered.get((ordered.indexOf(owner) + 1) % ordered.size());
        TreeSet<Integer> types = new TreeSet<>(names.get(owner).keySet());
        types.add(Type.NSEC);
        types.add(Type.RRSIG);
        int[] bitmap = types.stream().mapToInt(Integer::intValue).toArray();
        return new RRset(new NSECRecord(owner, DClass.IN, 300, next, bitmap));
    }

    /** The NSEC record whose owner precedes {@code missing} in canonical order, which proves it absent. */
    private RRset nsecCovering(Name missing) {
        Name owner = origin;
        for (Name n : names.keySet()) {
            if (n.compareTo(missing) < 0) {
                owner = n;
            }
        }
        return nsec(owner);
    }

    /** {@code answer} with the signature bytes of each RRSIG changed, so that none verifies. */
    public static Answer withBrokenSignatures(Answer answer) {
        return rewriteSignatures(answer, true);
    }

    /** {@code answer} without its RRSIG records. */
    public static Answer withoutSignatures(Answer answer) {
        return rewriteSignatures(answer, false);
    }

    private static Answer rewriteSignatures(Answer answer, boolean keepBroken) {
        Message m = answer.message();
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : List.copyOf(m.getSection(section))) {
                if (r instanceof RRSIGRecord sig) {
                    m.removeRecord(sig, section);
                    if (keepBroken) {
                        byte[] signature = sig.getSignature().clone();
                        signature[signature.length / 2] ^= 0x55;
                        m.addRecord(new RRSIGRecord(sig.getName(), sig.getDClass(), sig.getTTL(), sig.getTypeCovered(),
                                sig.getAlgorithm(), sig.getOrigTTL(), sig.getExpire(), sig.getTimeSigned(),
                                sig.getFootprint(), sig.getSigner(), signature), section);
                    }
                }
            }
        }
        return Answer.of(m, answer.source());
    }
}
