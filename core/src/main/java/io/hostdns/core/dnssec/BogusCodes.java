package io.hostdns.core.dnssec;

import java.time.Instant;
import java.util.List;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Makes the extended DNS error (RFC 8914) of a bogus verdict precise where dnsjava's validator is not:
 * when an answer RRset fails to verify it reports the generic 6 (DNSSEC Bogus), even when the reason is
 * that every signature has expired (7), is not valid yet (8) or is missing (10). The response that was
 * validated tells which: its answer RRsets, or its authority RRsets when it has no answer (NS excepted,
 * which a parent may leave unsigned).
 */
final class BogusCodes {

    private BogusCodes() {
    }

    /** {@code code}, or a more precise one when it is the generic 6 and the response shows why. */
    static int refine(int code, Message response, Instant now) {
        if (code != ExtendedErrorCodeOption.DNSSEC_BOGUS) {
            return code;
        }
        List<RRset> rrsets = response.getSectionRRsets(Section.ANSWER);
        if (rrsets.isEmpty()) {
            rrsets = response.getSectionRRsets(Section.AUTHORITY);
        }
        boolean unsigned = false;
        for (RRset rrset : rrsets) {
            if (rrset.getType() == Type.NS) {
                continue;
            }
            List<RRSIGRecord> sigs = rrset.sigs();
            if (sigs.isEmpty()) {
                unsigned = true;
            } else if (sigs.stream().allMatch(sig -> sig.getExpire().isBefore(now))) {
                return ExtendedErrorCodeOption.SIGNATURE_EXPIRED;
            } else if (sigs.stream().allMatch(sig -> sig.getTimeSigned().isAfter(now))) {
                return ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID;
            }
        }
        return unsigned ? ExtendedErrorCodeOption.RRSIGS_MISSING : code;
    }
}
