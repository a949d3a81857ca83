package io.hostdns.core.dnssec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.dnssec.TrustAnchorStore;

/** Hands trust anchors to dnsjava's store, which takes them as RRsets (one per owner name and type). */
final class DnssecAnchors {

    private DnssecAnchors() {
    }

    static void store(List<Record> anchors, TrustAnchorStore store) {
        Map<String, RRset> rrsets = new LinkedHashMap<>();
        for (Record anchor : anchors) {
            String key = anchor.getName().canonicalize() + "/" + anchor.getType() + "/" + anchor.getDClass();
            rrsets.computeIfAbsent(key, k -> new RRset()).addRR(anchor);
        }
        rrsets.values().forEach(store::store);
    }
}
