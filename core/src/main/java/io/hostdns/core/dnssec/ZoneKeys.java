package io.hostdns.core.dnssec;

import java.util.List;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * What the chain of trust established for a zone: its trusted DNSKEYs, or that the zone (and everything
 * under it) is insecure or bogus, or that it could not be established.
 *
 * @param zone       the zone apex (for an insecure or bogus result: where the chain ended)
 * @param keys       the zone's validated DNSKEY records, when trusted; empty otherwise
 * @param verdict    {@link Verdict#SECURE} for trusted keys, else why not
 * @param ttlSeconds how long this may be cached (0: not at all)
 */
record ZoneKeys(Name zone, List<DNSKEYRecord> keys, Verdict verdict, long ttlSeconds) {

    /** Longest time any result is cached: keys roll over, and a fixed zone should validate again soon. */
    static final long MAX_TTL = 900;
    /** How long a bogus key result is cached, so a broken zone is not asked for its keys on every query. */
    static final long BOGUS_TTL = 5;

    ZoneKeys {
        keys = List.copyOf(keys);
    }

    static ZoneKeys trusted(Name zone, List<DNSKEYRecord> keys, long ttlSeconds) {
        return new ZoneKeys(zone, keys, Verdict.SECURE, Math.min(MAX_TTL, ttlSeconds));
    }

    static ZoneKeys insecure(Name zone, String reason, long ttlSeconds) {
        return new ZoneKeys(zone, List.of(), Verdict.insecure(reason), Math.min(MAX_TTL, ttlSeconds));
    }

    static ZoneKeys failed(Name zone, Verdict verdict) {
        return new ZoneKeys(zone, List.of(), verdict,
                verdict.status() == Verdict.Status.BOGUS ? BOGUS_TTL : 0);
    }

    boolean isTrusted() {
        return verdict.isSecure();
    }
}
