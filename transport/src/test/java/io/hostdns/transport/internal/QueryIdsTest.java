package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class QueryIdsTest {

    @Test
    void next_coversTheWhole16BitRange_andSpreadsEvenly_acrossManyBlocks() {
        QueryIds ids = QueryIds.create();
        int draws = 1 << 18; // 4096 blocks
        int[] highByte = new int[256];
        BitSet seen = new BitSet(65536);
        for (int i = 0; i < draws; i++) {
            int id = ids.next();
            assertThat(id).isBetween(0, 65535);
            highByte[id >>> 8]++;
            seen.set(id);
        }
        // 4 draws per ID on average: a uniform source leaves ~1.8 % unseen; a broken one far more
        assertThat(seen.cardinality()).isGreaterThan(63_000);
        for (int count : highByte) {
            assertThat(count).isBetween(draws / 256 * 3 / 4, draws / 256 * 5 / 4);
        }
    }

    @Test
    void twoSources_drawDifferentSequences() {
        QueryIds a = QueryIds.create();
        QueryIds b = QueryIds.create();
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            same += a.next() == b.next() ? 1 : 0;
        }
        assertThat(same).isLessThan(10);
    }
}
