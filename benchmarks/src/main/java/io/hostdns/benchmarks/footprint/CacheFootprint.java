package io.hostdns.benchmarks.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Prints the heap retained per cached A answer by one cache: used heap after full GCs, before and after
 * filling it with {@code n} answers, and again after one lookup of each. Run each cache in its own JVM:
 *
 * <pre>java -Xmx3g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *     io.hostdns.benchmarks.footprint.CacheFootprint hostdns 1000000</pre>
 *
 * <p>The names are distinct so nothing is shared between entries except what the cache itself shares;
 * the figure includes the key (name), the stored answer and the cache's own per-entry structures.
 */
public final class CacheFootprint {

    private CacheFootprint() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CacheFootprint <hostdns|netty|dnsjava> <entries>");
            System.exit(2);
        }
        String impl = args[0];
        int n = Integer.parseInt(args[1]);
        try (FootprintSubject subject = FootprintSubject.of(impl, n)) {
            long before = usedAfterGc();
            subject.fill(n);
            long filled = usedAfterGc();
            subject.hitAll(n);
            long hit = usedAfterGc();
            System.out.printf(Locale.ROOT, "%s n=%d held=%d after-fill=%.1f B/entry after-one-hit-each=%.1f B/entry%n",
                    impl, n, subject.entries(n), (filled - before) / (double) n, (hit - before) / (double) n);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
