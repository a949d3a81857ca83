package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.hostdns.transport.testing.NsdServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * A bounded soak: a fixed rate of UDP queries through the whole forwarding path (with the forwarder's
 * production budgets: 2 s per attempt, 4.5 s overall; health probes ask the zone's SOA) to a real NSD, a fifth of
 * them misses (unique names), the rest cache hits. Passes with zero wrong, failed or lost answers, nothing
 * pending at the end, and the heap after GC flat (within 16 MiB of where it started after warm-up).
 * Length: {@code HOSTDNS_SOAK_SECONDS} (default 20 s), rate {@code HOSTDNS_SOAK_RATE} (default 500 q/s);
 * see docs/soak.md. Writes its figures to {@code target/soak.txt}.
 */
class SoakTest {

    private static final long HEAP_TOLERANCE = 16L << 20;

    @Test
    void fixedRateThroughTheForwarder_zeroErrors_flatHeap() throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("HOSTDNS_SOAK_SECONDS", "20"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("HOSTDNS_SOAK_RATE", "500"));
        try (NsdServer nsd = NsdServer.start(TestZone.ORIGIN, TestZone.text());
             ForwardingPipeline pipeline = ForwardingPipeline.withProductionBudgets(List.of(nsd.address()),
                     Query.of(TestZone.ORIGIN + ".", Type.SOA))) {
            // warm-up: classes loaded, JIT done, the 200 names cached
            FixedRateLoad.run(pipeline.udp(), rate, Duration.ofSeconds(2), i -> TestZone.name(i, false),
                    (i, reply) -> TestZone.judge(i, false, reply), Duration.ofSeconds(3));
            long heapBefore = usedHeapAfterGc();

            FixedRateLoad.Result result = FixedRateLoad.run(pipeline.udp(), rate, Duration.ofSeconds(seconds),
                    i -> TestZone.name(i, i % 5 == 0), (i, reply) -> TestZone.judge(i, i % 5 == 0, reply),
                    Duration.ofSeconds(3));
            Settled.nothingPending(pipeline);
            long heapAfter = usedHeapAfterGc();

            String figures = String.format("soak %ds at %d q/s (20%% misses) to NSD: %s; heap after GC %.1f MiB -> "
                            + "%.1f MiB (%+.1f MiB); cache %s; upstream %s", seconds, rate, result,
                    heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0,
                    pipeline.cache.stats(), pipeline.clients.get(0).stats());
            System.out.println(figures);
            Files.writeString(Path.of("target", "soak.txt"), figures + System.lineSeparator());

            assertThat(result.sent()).isEqualTo((long) rate * seconds);
            assertThat(result.wrong()).as(figures).isZero();
            assertThat(result.failed()).as(figures).isZero();
            assertThat(result.lost()).as(figures).isZero();
            assertThat(heapAfter - heapBefore).as(figures).isLessThan(HEAP_TOLERANCE);
        }
    }

    /** The heap in use after full collections, as the collector itself reported it (no wait for it to settle). */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc(); // collects what the first one's reference processing freed
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            used += afterGc == null ? 0 : afterGc.getUsed();
        }
        return used;
    }
}
