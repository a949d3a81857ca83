package io.hostdns.transport.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * The buckets of a {@link ClientRateLimit}. Each bucket is one {@code AtomicLong} holding the GCRA
 * "theoretical arrival time" (a token bucket in one number: a query is allowed when it does not push that
 * time more than {@code burst} intervals ahead of now), updated lock-free from every event loop. Buckets
 * live in a size-bounded Caffeine cache whose maintenance runs on the calling thread (no pool thread).
 * Time comes from the server's {@link Scheduler}, so tests can drive it.
 */
final class ClientRateLimiter {

    private final ClientRateLimit limit;
    private final Scheduler clock;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final Cache<Network, AtomicLong> buckets;

    ClientRateLimiter(ClientRateLimit limit, Scheduler clock) {
        this.limit = limit;
        this.clock = clock;
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / limit.queriesPerSecond()));
        this.toleranceNanos = intervalNanos * limit.burst();
        this.buckets = Caffeine.newBuilder().maximumSize(limit.maxTrackedClients()).executor(Runnable::run).build();
    }

    /** The configuration. */
    ClientRateLimit limit() {
        return limit;
    }

    /** Takes one query from {@code client}'s bucket; false when it is over the limit. */
    boolean tryAcquire(InetAddress client) {
        long now = clock.now(TimeUnit.NANOSECONDS);
        AtomicLong bucket = buckets.get(network(client), k -> new AtomicLong(now));
        while (true) {
            long tat = bucket.get();
            long next = Math.max(tat, now) + intervalNanos;
            if (next - now > toleranceNanos) {
                return false;
            }
            if (bucket.compareAndSet(tat, next)) {
                return true;
            }
        }
    }

    /** Buckets kept now (approximate while maintenance is pending). */
    long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Network network(InetAddress client) {
        byte[] a = client.getAddress();
        if (a.length == 16 && isV4Mapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length == 4) {
            long bits = ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
            return new Network(false, bits & (0xFFFF_FFFFL << (32 - limit.ipv4Prefix())) & 0xFFFF_FFFFL);
        }
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (a[i] & 0xFFL);
        }
        return new Network(true, high & (-1L << (64 - limit.ipv6Prefix())));
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    /** A client network: the masked address bits, IPv6 ones kept apart from IPv4 ones. */
    private record Network(boolean ipv6, long bits) {
    }
}
