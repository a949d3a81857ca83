package io.hostdns.core.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import reactor.core.publisher.Mono;

/**
 * Measures retained heap per cached A answer (not a test: run by hand, see the cache issue notes).
 * Fills a cache with {@code N} distinct names through misses, then hits each once (which builds the
 * per-entry served-answer memo), and prints the heap retained per entry after full GCs each time.
 *
 * <p>{@code java -Xmx3g -XX:+UseParallelGC -cp <test-classpath> io.hostdns.core.cache.CacheFootprint 1000000}
 * (a second argument, e.g. {@code pause}: after the fill, waits for a line on stdin while you take a heap
 * histogram)
 *
 * <p>Measured 2026-11-26, OpenJDK 17.0.15, compressed oops, names {@code host<i>.example.com.}, one A
 * record, 62-byte responses: 289 B/entry after the fill (296 B with G1), 457 B/entry once every entry
 * has been hit (the served-answer memo adds about 168 B to an entry while it is being hit).
 */
public final class CacheFootprint {

    private CacheFootprint() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Resolver upstream = q -> Mono.just(Responses.a(q, 300, "192.0.2.1"));
        CachingResolver cache = CachingResolver.builder(upstream)
                .options(CacheOptions.DEFAULTS.withMaximumEntries(n).withPrefetch(CacheOptions.Prefetch.DISABLED))
                .ticker(() -> 0L)
                .executor(Runnable::run)
                .build();
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            cache.resolve(query(i)).subscribe();
        }
        cache.cleanUp();
        long filled = usedAfterGc();
        if (args.length > 1) {
            System.out.println("filled; take a heap histogram, then press Enter");
            System.in.read();
        }
        for (int i = 0; i < n; i++) {
            cache.resolve(query(i)).subscribe();
        }
        long hit = usedAfterGc();
        Answer sample = cache.resolve(query(7)).block();
        System.out.printf("entries=%d (size %d), response %d bytes, name %s%n", n, cache.stats().size(),
                sample.wireLength(), query(7).name());
        System.out.printf("after fill:        %.1f B/entry%n", (filled - before) / (double) n);
        System.out.printf("after one hit each: %.1f B/entry (incl. served-answer memo)%n", (hit - before) / (double) n);
    }

    private static Query query(int i) {
        return Query.of("host" + i + ".example.com.", org.xbill.DNS.Type.A);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
