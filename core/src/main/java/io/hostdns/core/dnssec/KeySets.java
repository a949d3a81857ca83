package io.hostdns.core.dnssec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/**
 * Authenticates a zone's DNSKEY RRset with DS records, from its parent or a trust anchor (RFC 4035
 * section 5.2): a zone key whose digest matches a usable DS must sign the DNSKEY RRset; then every zone
 * key in the RRset is trusted. A DS set with no usable entry (algorithms or digests this validator does
 * not implement) makes the zone insecure.
 */
final class KeySets {

    /** RSA/SHA-1, RSA/SHA-1-NSEC3, RSA/SHA-256, RSA/SHA-512, ECDSA P-256 and P-384, Ed25519, Ed448 (RFC 8624). */
    static final Set<Integer> ALGORITHMS = Set.of(5, 7, 8, 10, 13, 14, 15, 16);
    private static final int REVOKE = 0x0080;

    private KeySets() {
    }

    /**
     * The DS records a validator may use: a supported algorithm and digest (SHA-1, SHA-256, SHA-384), SHA-1
     * ones dropped when a stronger digest is offered (RFC 4509 section 3).
     */
    static List<DSRecord> usable(List<DSRecord> ds) {
        List<DSRecord> usable = new ArrayList<>();
        for (DSRecord d : ds) {
            if (ALGORITHMS.contains(d.getAlgorithm()) && (d.getDigestID() == DNSSEC.Digest.SHA1
                    || d.getDigestID() == DNSSEC.Digest.SHA256 || d.getDigestID() == DNSSEC.Digest.SHA384)) {
                usable.add(d);
            }
        }
        if (usable.stream().anyMatch(d -> d.getDigestID() != DNSSEC.Digest.SHA1)) {
            usable.removeIf(d -> d.getDigestID() == DNSSEC.Digest.SHA1);
        }
        return usable;
    }

    /**
     * The keys of {@code zone} that {@code ds} vouch for, or why there are none.
     *
     * @param dnskeys the zone's DNSKEY RRset (with its RRSIGs), or null when the zone gave none
     * @param dsTtl   how long the DS records may be kept, bounding how long the keys are
     */
    static ZoneKeys authenticate(Name zone, @Nullable RRset dnskeys, List<DSRecord> ds, long dsTtl, Instant now) {
        List<DSRecord> usable = usable(ds);
        if (usable.isEmpty()) {
            return ZoneKeys.insecure(zone, "no DS of " + zone + " has an algorithm and digest this validator supports",
                    dsTtl);
        }
        if (dnskeys == null || dnskeys.size() == 0) {
            return ZoneKeys.failed(zone, Verdict.bogus(ExtendedErrorCodeOption.DNSKEY_MISSING,
                    "no DNSKEY RRset for " + zone + ", which has a DS"));
        }
        boolean matched = false;
        int expired = 0;
        String failure = "no zone key of " + zone + " with a matching DS signs its DNSKEY RRset";
        for (DSRecord d : usable) {
            for (Record r : dnskeys.rrs(false)) {
                DNSKEYRecord key = (DNSKEYRecord) r;
                if (!isZoneKey(key) || key.getFootprint() != d.getFootprint() || key.getAlgorithm() != d.getAlgorithm()
                        || !digestMatches(d, key)) {
                    continue;
                }
                matched = true;
                for (RRSIGRecord sig : dnskeys.sigs()) {
                    if (sig.getFootprint() != key.getFootprint() || sig.getAlgorithm() != key.getAlgorithm()
                            || !sig.getSigner().equals(zone)) {
                        continue;
                    }
                    try {
                        DNSSEC.verify(dnskeys, sig, key, now);
                        return ZoneKeys.trusted(zone, zoneKeys(dnskeys), ttl(dnskeys, sig, dsTtl, now));
                    } catch (DNSSEC.SignatureExpiredException e) {
                        expired++;
                        failure = "the RRSIG over the DNSKEY RRset of " + zone + " expired at " + sig.getExpire();
                    } catch (DNSSEC.DNSSECException e) {
                        failure = "the DNSKEY RRset of " + zone + " does not verify with key " + key.getFootprint()
                                + ": " + e.getMessage();
                    }
                }
            }
        }
        if (!matched) {
            return ZoneKeys.failed(zone, Verdict.bogus(ExtendedErrorCodeOption.DNSKEY_MISSING,
                    "no DNSKEY of " + zone + " matches its DS"));
        }
        return ZoneKeys.failed(zone, Verdict.bogus(
                expired > 0 ? ExtendedErrorCodeOption.SIGNATURE_EXPIRED : ExtendedErrorCodeOption.DNSSEC_BOGUS, failure));
    }

    private static boolean isZoneKey(DNSKEYRecord key) {
        return (key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) != 0 && (key.getFlags() & REVOKE) == 0
                && key.getProtocol() == DNSKEYRecord.Protocol.DNSSEC;
    }

    private static boolean digestMatches(DSRecord ds, DNSKEYRecord key) {
        DSRecord computed = new DSRecord(key.getName(), key.getDClass(), 0, ds.getDigestID(), key);
        return Arrays.equals(computed.getDigest(), ds.getDigest());
    }

    private static List<DNSKEYRecord> zoneKeys(RRset dnskeys) {
        List<DNSKEYRecord> keys = new ArrayList<>();
        for (Record r : dnskeys.rrs(false)) {
            if (r instanceof DNSKEYRecord key && isZoneKey(key) && ALGORITHMS.contains(key.getAlgorithm())) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Seconds the keys may be trusted: the RRset's TTL and original TTL, the DS TTL, the signature's end. */
    private static long ttl(RRset dnskeys, RRSIGRecord sig, long dsTtl, Instant now) {
        long untilExpiry = Math.max(0, Duration.between(now, sig.getExpire()).getSeconds());
        return Math.min(Math.min(dnskeys.getTTL(), sig.getOrigTTL()), Math.min(dsTtl, untilExpiry));
    }
}
