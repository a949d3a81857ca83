package io.hostdns.core.dnssec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The trust anchors of a validator, by zone, all in DS form: a DNSKEY anchor becomes the SHA-256 DS of
 * that key, so one check (a DNSKEY of the zone matches a DS and signs the DNSKEY RRset) serves both.
 */
final class TrustAnchors {

    private final Map<Name, List<DSRecord>> byZone = new HashMap<>();

    TrustAnchors(List<Record> anchors) {
        for (Record anchor : anchors) {
            DSRecord ds = anchor instanceof DNSKEYRecord key
                    ? new DSRecord(key.getName(), key.getDClass(), key.getTTL(), DNSSEC.Digest.SHA256, key)
                    : (DSRecord) anchor;
            byZone.computeIfAbsent(ds.getName(), zone -> new ArrayList<>()).add(ds);
        }
    }

    /** The closest anchored zone at or above {@code name}, or null when no anchor covers it. */
    @Nullable Name closest(Name name) {
        for (Name n = name; ; n = Names.parent(n)) {
            if (byZone.containsKey(n)) {
                return n;
            }
            if (n.labels() <= 1) {
                return null;
            }
        }
    }

    /** The anchors of {@code zone} as DS records. */
    List<DSRecord> ds(Name zone) {
        return byZone.getOrDefault(zone, List.of());
    }
}
