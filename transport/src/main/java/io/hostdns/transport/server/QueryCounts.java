package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireHeader;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Requests by query type and transport and replies by rcode, counted on the hot path with one
 * {@link LongAdder} increment each: the slot is a {@code switch} on the type, never a map lookup or an
 * allocation. A metrics scrape reads them by name. Types outside {@link #TYPES} count as {@code other}, as do
 * requests without a readable question; rcodes above 15 (extended ones) count as {@code other}.
 */
final class QueryCounts {

    /** The query types counted one by one, then {@code other}. */
    static final List<String> TYPES = List.of("A", "AAAA", "PTR", "SRV", "TXT", "MX", "CNAME", "NS", "SOA", "HTTPS",
            "SVCB", "ANY", "other");
    /** The rcodes counted one by one (0-15 by name), then {@code other}. */
    static final List<String> RCODES = rcodes();

    private final LongAdder[] udp = adders(TYPES.size());
    private final LongAdder[] tcp = adders(TYPES.size());
    private final LongAdder[] replies = adders(RCODES.size());

    /** Counts one request read over {@code protocol}; {@code query} is null when it had no readable question. */
    void request(Protocol protocol, @Nullable Query query) {
        int slot = query == null ? TYPES.size() - 1 : slot(query.type());
        (protocol == Protocol.UDP ? udp : tcp)[slot].increment();
    }

    /** Counts one request of {@code type} read over {@code protocol} and its reply with {@code rcode} (0-15). */
    void answered(Protocol protocol, int type, int rcode) {
        (protocol == Protocol.UDP ? udp : tcp)[slot(type)].increment();
        replies[rcode & 0x0F].increment();
    }

    /** Counts one reply by the rcode in its header. */
    void reply(byte[] wire) {
        int rcode = wire.length >= WireHeader.LENGTH ? WireHeader.flags(wire) & 0x0F : RCODES.size() - 1;
        replies[rcode].increment();
    }

    /** Requests of {@code type} (one of {@link #TYPES}) read over {@code protocol}. */
    long requests(Protocol protocol, String type) {
        int slot = TYPES.indexOf(type);
        if (slot < 0) {
            throw new IllegalArgumentException("not a counted type: " + type + " (counted: " + TYPES + ")");
        }
        return (protocol == Protocol.UDP ? udp : tcp)[slot].sum();
    }

    /** Replies with {@code rcode} (one of {@link #RCODES}). */
    long replies(String rcode) {
        int slot = RCODES.indexOf(rcode);
        if (slot < 0) {
            throw new IllegalArgumentException("not a counted rcode: " + rcode + " (counted: " + RCODES + ")");
        }
        return replies[slot].sum();
    }

    private static int slot(int type) {
        return switch (type) {
            case Type.A -> 0;
            case Type.AAAA -> 1;
            case Type.PTR -> 2;
            case Type.SRV -> 3;
            case Type.TXT -> 4;
            case Type.MX -> 5;
            case Type.CNAME -> 6;
            case Type.NS -> 7;
            case Type.SOA -> 8;
            case Type.HTTPS -> 9;
            case Type.SVCB -> 10;
            case Type.ANY -> 11;
            default -> 12;
        };
    }

    private static List<String> rcodes() {
        String[] names = new String[17];
        for (int rcode = 0; rcode < 16; rcode++) {
            names[rcode] = Rcode.string(rcode);
        }
        names[16] = "other";
        return List.of(names);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
