package io.hostdns.core.dnssec;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Verifies the signatures over one RRset with the trusted keys of the zone that signed it (RFC 4035
 * section 5.3): one RRSIG by that zone that verifies with one of its keys, inside its validity period,
 * makes the RRset secure. The RRSIG's label count tells whether the RRset was expanded from a wildcard,
 * which the caller must then prove (RFC 4035 section 5.3.4).
 */
final class RrsetVerifier {

    /**
     * @param verdict  secure, or bogus with why
     * @param wildcard the wildcard the RRset was expanded from, when secure and expanded
     */
    record Result(Verdict verdict, @Nullable Name wildcard) {
    }

    private RrsetVerifier() {
    }

    /** The RRSIG signer of {@code rrset}'s own type that is at or above its owner, or null when unsigned. */
    static @Nullable Name signer(RRset rrset) {
        for (RRSIGRecord sig : rrset.sigs()) {
            if (sig.getTypeCovered() == rrset.getType() && rrset.getName().subdomain(sig.getSigner())) {
                return sig.getSigner();
            }
        }
        return null;
    }

    /** Verifies {@code rrset} with the trusted keys of {@code zone} at {@code now}. */
    static Result verify(RRset rrset, ZoneKeys zone, Instant now) {
        String what = rrset.getName() + " " + Type.string(rrset.getType());
        if (!rrset.getName().subdomain(zone.zone())) {
            return new Result(Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS,
                    what + " is outside " + zone.zone() + ", which signed it"), null);
        }
        int expired = 0;
        int notYetValid = 0;
        int signatures = 0;
        String failure = "no DNSKEY of " + zone.zone() + " matches the key tag of an RRSIG over " + what;
        for (RRSIGRecord sig : rrset.sigs()) {
            if (sig.getTypeCovered() != rrset.getType() || !sig.getSigner().equals(zone.zone())) {
                continue;
            }
            signatures++;
            for (DNSKEYRecord key : zone.keys()) {
                if (key.getFootprint() != sig.getFootprint() || key.getAlgorithm() != sig.getAlgorithm()) {
                    continue;
                }
                try {
                    DNSSEC.verify(rrset, sig, key, now);
                    Name wildcard = wildcardOf(rrset.getName(), sig);
                    if (wildcard != null && !wildcard.subdomain(zone.zone())) {
                        return new Result(Verdict.bogus(ExtendedErrorCodeOption.DNSSEC_BOGUS, "the RRSIG over " + what
                                + " claims the wildcard " + wildcard + ", outside " + zone.zone()), null);
                    }
                    return new Result(Verdict.SECURE, wildcard);
                } catch (DNSSEC.SignatureExpiredException e) {
                    expired++;
                    failure = "the RRSIG over " + what + " expired at " + sig.getExpire();
                } catch (DNSSEC.SignatureNotYetValidException e) {
                    notYetValid++;
                    failure = "the RRSIG over " + what + " is valid only from " + sig.getTimeSigned();
                } catch (DNSSEC.DNSSECException e) {
                    failure = "the RRSIG over " + what + " does not verify with key " + key.getFootprint()
                            + ": " + e.getMessage();
                }
            }
        }
        if (signatures == 0) {
            return new Result(Verdict.bogus(ExtendedErrorCodeOption.RRSIGS_MISSING,
                    "no RRSIG by " + zone.zone() + " over " + what), null);
        }
        int ede = expired > 0 ? ExtendedErrorCodeOption.SIGNATURE_EXPIRED
                : notYetValid > 0 ? ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID
                : ExtendedErrorCodeOption.DNSSEC_BOGUS;
        return new Result(Verdict.bogus(ede, failure), null);
    }

    /** The wildcard {@code owner} was expanded from, per the RRSIG's label count, or null. */
    private static @Nullable Name wildcardOf(Name owner, RRSIGRecord sig) {
        int ownerLabels = owner.labels() - 1; // without the root
        if (owner.isWild() || sig.getLabels() >= ownerLabels) {
            return null;
        }
        return owner.wild(ownerLabels - sig.getLabels());
    }
}
