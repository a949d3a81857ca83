package io.hostdns.transport.reliability;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The zone {@code load.test.} served by NSD in the load tests: {@code n0..n199} with known addresses
 * (cache hits once asked) and a wildcard {@code *.w} (every query a miss when the label is unique).
 */
final class TestZone {

    static final String ORIGIN = "load.test";
    static final int NAMES = 200;
    static final String WILDCARD_ADDRESS = "198.51.100.250";

    private TestZone() {
    }

    static String text() {
        StringBuilder zone = new StringBuilder("""
                $ORIGIN load.test.
                $TTL 300
                @   IN SOA ns1 hostmaster 1 3600 600 86400 60
                @   IN NS  ns1
                ns1 IN A   127.0.0.1
                *.w IN A   198.51.100.250
                """);
        for (int i = 0; i < NAMES; i++) {
            zone.append('n').append(i).append(" IN A ").append(address(i)).append('\n');
        }
        return zone.toString();
    }

    static String address(int i) {
        return "198.51.100." + (i % 240 + 1);
    }

    /** Query {@code i}: a known name (a hit once cached) or, when {@code miss}, a unique wildcard name. */
    static String name(int i, boolean miss) {
        return miss ? "q" + i + ".w." + ORIGIN + "." : "n" + (i % NAMES) + "." + ORIGIN + ".";
    }

    /** CORRECT for NOERROR with exactly the zone's address for query {@code i}, FAILED for SERVFAIL, else WRONG. */
    static FixedRateLoad.Verdict judge(int i, boolean miss, Message reply) {
        return only(reply, miss ? WILDCARD_ADDRESS : address(i % NAMES));
    }

    /** CORRECT for NOERROR with exactly {@code address}, FAILED for SERVFAIL, WRONG for anything else. */
    static FixedRateLoad.Verdict only(Message reply, String address) {
        if (reply.getRcode() == Rcode.SERVFAIL && reply.getSection(Section.ANSWER).isEmpty()) {
            return FixedRateLoad.Verdict.FAILED;
        }
        var answers = reply.getSection(Section.ANSWER);
        boolean right = reply.getRcode() == Rcode.NOERROR && answers.size() == 1 && answers.get(0) instanceof ARecord a
                && a.getAddress().getHostAddress().equals(address);
        return right ? FixedRateLoad.Verdict.CORRECT : FixedRateLoad.Verdict.WRONG;
    }
}
