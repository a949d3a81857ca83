package io.hostdns.core.internal.wire;

import static io.hostdns.core.internal.wire.WireMessages.bytes;
import static io.hostdns.core.internal.wire.WireMessages.header;
import static io.hostdns.core.internal.wire.WireMessages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One test per rule of the name walker; names sit after a 12-byte header, as in a message. */
class WireNameTest {

    private static final byte[] HEADER = header(0, 1, 0, 0, 0);

    /** The header followed by {@code parts}. */
    private static byte[] message(Object... parts) {
        return bytes(HEADER, bytes(parts));
    }

    @Test
    void skip_returnsTheEndOfAPlainName_andLengthItsWireLength() {
        byte[] wire = message(3, "www", 7, "example", 0, 0xFF);
        assertThat(WireName.skip(wire, 12, wire.length)).isEqualTo(wire.length - 1);
        assertThat(WireName.length(wire, 12, wire.length)).isEqualTo(13);
        byte[] root = message(0);
        assertThat(WireName.skip(root, 12, root.length)).isEqualTo(13);
        assertThat(WireName.length(root, 12, root.length)).isEqualTo(1);
    }

    @Test
    void skip_endsAfterThePointer_andLengthFollowsIt() {
        // "example." at 12, then "www" + pointer to it at 21
        byte[] wire = message(7, "example", 0, 3, "www", 0xC0, 12);
        assertThat(WireName.skip(wire, 21, wire.length)).isEqualTo(wire.length);
        assertThat(WireName.length(wire, 21, wire.length)).isEqualTo(13);
    }

    @Test
    void skip_rejectsAPointerLoop_toItself_orBetweenTwoPointers() {
        byte[] self = message(1, "a", 0, 0xC0, 15);
        byte[] pair = message(0xC0, 14, 0xC0, 12);
        assertThat(WireName.skip(self, 15, self.length)).isEqualTo(-1);
        assertThat(WireName.skip(pair, 12, pair.length)).isEqualTo(-1);
        assertThat(WireName.skip(pair, 14, pair.length)).isEqualTo(-1);
    }

    @Test
    void skip_rejectsAPointerBackIntoTheNameItEnds() {
        // "a" "b" then a pointer to "b": backwards, but to a later part of the same run of labels
        byte[] wire = message(1, "a", 1, "b", 0xC0, 14);
        assertThat(WireName.skip(wire, 12, wire.length)).isEqualTo(-1);
    }

    @Test
    void skip_rejectsAForwardPointer() {
        byte[] wire = message(3, "www", 0xC0, 18, 0);
        assertThat(WireName.skip(wire, 12, wire.length)).isEqualTo(-1);
    }

    @Test
    void skip_rejectsAPointerPastTheLimit_intoTheHeader_orCutOffByTheLimit() {
        byte[] past = message(1, "a", 0, 0xC0, 0x3F, 0xFF);
        byte[] intoHeader = message(0xC0, 4);
        byte[] cut = message(1, "a", 0xC0);
        assertThat(WireName.skip(past, 15, past.length)).isEqualTo(-1);
        assertThat(WireName.skip(intoHeader, 12, intoHeader.length)).isEqualTo(-1);
        assertThat(WireName.skip(cut, 12, cut.length)).isEqualTo(-1);
    }

    @Test
    void skip_followsAtMost127Pointers() {
        // the root at 12, then pointers each aiming at the one before: the name at the k-th takes k hops
        byte[] wire = new byte[12 + 1 + 2 * 128];
        for (int k = 1; k <= 128; k++) {
            int at = 13 + 2 * (k - 1);
            int target = k == 1 ? 12 : at - 2;
            wire[at] = (byte) (0xC0 | target >>> 8);
            wire[at + 1] = (byte) target;
        }
        assertThat(WireName.skip(wire, 13 + 2 * 126, wire.length)).isEqualTo(13 + 2 * 127);
        assertThat(WireName.skip(wire, 13 + 2 * 127, wire.length)).isEqualTo(-1);
    }

    @Test
    void skip_acceptsA63ByteLabel_butNotTheReservedTypes64And128() {
        byte[] label63 = message(name(1, 63));
        byte[] label64 = message(name(1, 64));
        byte[] type80 = message(0x80, 0);
        assertThat(WireName.skip(label63, 12, label63.length)).isEqualTo(label63.length);
        assertThat(WireName.skip(label64, 12, label64.length)).isEqualTo(-1);
        assertThat(WireName.skip(type80, 12, type80.length)).isEqualTo(-1);
    }

    @Test
    void skip_accepts255Bytes_butNot256_writtenOutOrThroughAPointer() {
        byte[] fits = message(bytes(1, "a", name(4, 62))); // 2 + 253
        byte[] tooLong = message(bytes(2, "aa", name(4, 62)));
        byte[] throughPointer = message(name(4, 62), 2, "bb", 0xC0, 12);
        int pointerName = 12 + 253;
        assertThat(WireName.length(fits, 12, fits.length)).isEqualTo(255);
        assertThat(WireName.skip(tooLong, 12, tooLong.length)).isEqualTo(-1);
        assertThat(WireName.skip(throughPointer, pointerName, throughPointer.length)).isEqualTo(-1);
        assertThat(WireName.length(throughPointer, 12, throughPointer.length)).isEqualTo(253);
    }

    @Test
    void skip_rejectsANameRunningPastTheLimit_evenWhenTheArrayGoesOn() {
        byte[] wire = message(3, "www", 0);
        assertThat(WireName.skip(wire, 12, wire.length - 1)).isEqualTo(-1);
        assertThat(WireName.skip(wire, 12, 14)).isEqualTo(-1);
        assertThat(WireName.skip(wire, 12, 12)).isEqualTo(-1);
    }

    @Test
    void skip_throws_onlyForAnOffsetRangeOutsideTheArray() {
        byte[] wire = message(0);
        assertThatThrownBy(() -> WireName.skip(wire, 12, wire.length + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> WireName.skip(wire, -1, wire.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalsIgnoreCase_comparesNamesAcrossCompressionAndCase() {
        byte[] a = message(7, "Example", 0, 3, "WWW", 0xC0, 12);
        byte[] b = message(3, "www", 7, "eXAMPLE", 0);
        byte[] other = message(3, "www", 7, "exampla", 0);
        byte[] split = message(2, "ww", 8, "wexample", 0);
        assertThat(WireName.equalsIgnoreCase(a, 21, b, 12)).isTrue();
        assertThat(WireName.equalsIgnoreCase(b, 12, a, 21)).isTrue();
        assertThat(WireName.equalsIgnoreCase(a, 21, other, 12)).isFalse();
        assertThat(WireName.equalsIgnoreCase(b, 12, split, 12)).isFalse();
        assertThat(WireName.equalsIgnoreCase(a, 12, b, 12)).isFalse();
    }

    @Test
    void equalsIgnoreCase_endsFalse_onLoopsAndCutNames() {
        byte[] loop = message(0xC0, 12);
        byte[] cut = message(3, "ww");
        byte[] www = message(3, "www", 0);
        assertThat(WireName.equalsIgnoreCase(loop, 12, loop, 12)).isFalse();
        assertThat(WireName.equalsIgnoreCase(cut, 12, www, 12)).isFalse();
        assertThat(WireName.equalsIgnoreCase(www, 12, cut, 12)).isFalse();
    }

    @Test
    void hashLowerCase_isTheArraysHashOfTheLowerCasedCopy_andIgnoresCase() {
        byte[] upper = message(3, "WwW", 7, "Example", 0);
        byte[] lower = message(3, "www", 7, "example", 0);
        byte[] copy = new byte[13];

        WireName.copyLowerCase(upper, 12, upper.length, copy, 0);

        assertThat(copy).isEqualTo(Arrays.copyOfRange(lower, 12, lower.length));
        assertThat(WireName.hashLowerCase(upper, 12, upper.length))
                .isEqualTo(WireName.hashLowerCase(lower, 12, lower.length))
                .isEqualTo(Arrays.hashCode(copy));
        assertThatThrownBy(() -> WireName.copyLowerCase(upper, 12, upper.length, new byte[12], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
