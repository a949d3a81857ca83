package io.hostdns.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.WireParseException;

/**
 * Fuzzes the wire walker with any bytes taken as a message: the name walker, the question reader, the
 * record walker and the TTL scan never throw, never answer an offset outside {@code [offset, limit]}, and
 * agree with themselves and with dnsjava: every name the walker accepts dnsjava reads with the same end,
 * length and labels; a message the scan accepts has its TTL fields, and nothing else, rewritten. In a
 * normal build this runs once per file of the committed corpus in
 * {@code src/test/resources/io/hostdns/core/internal/wire/WireWalkerFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/fuzzing.md).
 */
class WireWalkerFuzzTest {

    /** Offsets tried as name starts: enough to cover headers, questions and the first records. */
    private static final int NAME_OFFSETS = 600;

    @FuzzTest(maxDuration = "10m")
    void anyBytes_areWalkedWithinBounds_andAgreeWithDnsjava(byte[] wire) throws WireParseException {
        for (int offset = 0; offset <= Math.min(wire.length, NAME_OFFSETS); offset++) {
            checkName(wire, offset, wire.length);
            checkName(wire, offset, Math.max(offset, wire.length - 3));
        }
        checkQuestion(wire);
        checkTtls(wire);
    }

    private static void checkName(byte[] wire, int offset, int limit) throws WireParseException {
        int end = WireName.skip(wire, offset, limit);
        int length = WireName.length(wire, offset, limit);
        assertThat(end < 0).isEqualTo(length < 0);
        if (end < 0) {
            return;
        }
        assertThat(end).isGreaterThan(offset).isLessThanOrEqualTo(limit);
        assertThat(length).isBetween(1, WireName.MAX_LENGTH);
        assertThat(WireName.equalsIgnoreCase(wire, offset, wire, offset)).isTrue();
        DNSInput in = new DNSInput(wire);
        in.jump(offset);
        Name name = new Name(in);
        assertThat(in.current()).isEqualTo(end);
        assertThat(length).isEqualTo(name.length());
        assertThat(WireName.equalsIgnoreCase(wire, offset, name.toWire(), 0)).isTrue();
    }

    private static void checkQuestion(byte[] wire) {
        int sectionEnd = WireQuestion.sectionEnd(wire, wire.length);
        assertThat(sectionEnd).isLessThanOrEqualTo(wire.length);
        int nameEnd = WireQuestion.firstNameEnd(wire, wire.length);
        if (nameEnd < 0) {
            return;
        }
        assertThat(nameEnd + 4).isLessThanOrEqualTo(wire.length);
        byte[] name = new byte[nameEnd - WireHeader.LENGTH];
        WireName.copyLowerCase(wire, WireHeader.LENGTH, nameEnd, name, 0);
        assertThat(WireName.hashLowerCase(wire, WireHeader.LENGTH, nameEnd)).isEqualTo(Arrays.hashCode(name));
        assertThat(WireQuestion.asksOnly(wire, wire.length, name, 0, WireQuestion.type(wire, nameEnd),
                WireQuestion.dclass(wire, nameEnd))).isEqualTo(WireHeader.questionCount(wire) == 1);
    }

    private static void checkTtls(byte[] wire) {
        WireTtls.Summary summary = WireTtls.scan(wire);
        if (summary == null) {
            return;
        }
        assertThat(summary.questionEnd()).isBetween(WireHeader.LENGTH, summary.recordsEnd());
        assertThat(summary.recordsEnd()).isLessThanOrEqualTo(wire.length);
        if (summary.optStart() >= 0) {
            assertThat(summary.optStart()).isBetween(summary.questionEnd(), summary.optEnd() - 11);
            assertThat(summary.optEnd()).isLessThanOrEqualTo(summary.recordsEnd());
        }
        byte[] rewritten = wire.clone();
        WireTtls.rewrite(rewritten, 7);
        boolean[] ttlBytes = ttlFields(wire);
        for (int i = 0; i < wire.length; i++) {
            if (!ttlBytes[i]) {
                assertThat(rewritten[i]).as("byte %d is no TTL", i).isEqualTo(wire[i]);
            }
        }
        WireTtls.Summary after = WireTtls.scan(rewritten);
        assertThat(after).isNotNull();
        assertThat(after.minTtl()).isIn(-1L, 7L);
        if (summary.negativeTtl() < 0) {
            assertThat(after.negativeTtl()).isEqualTo(-1);
        } else {
            assertThat(after.negativeTtl()).isBetween(0L, 7L);
        }
        assertThat(after).isEqualTo(new WireTtls.Summary(summary.questionEnd(), summary.answerCount(),
                after.minTtl(), after.negativeTtl(), summary.extendedRcode(), summary.optStart(), summary.optEnd(),
                summary.recordsEnd()));
    }

    /** Which bytes are the TTL field of a record other than OPT, walking as the scan does. */
    private static boolean[] ttlFields(byte[] wire) {
        boolean[] ttl = new boolean[wire.length];
        int pos = WireQuestion.sectionEnd(wire, wire.length);
        for (int i = 0; i < WireHeader.recordCount(wire); i++) {
            int fixed = WireRecord.fixedPart(wire, pos, wire.length);
            if (WireRecord.type(wire, fixed) != WireOpt.TYPE) {
                Arrays.fill(ttl, fixed + 4, fixed + 8, true);
            }
            pos = WireRecord.end(wire, fixed, wire.length);
        }
        return ttl;
    }
}
