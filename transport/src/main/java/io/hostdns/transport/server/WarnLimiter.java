package io.hostdns.transport.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps per-query failure warnings readable during an outage: at most one line per interval, and that
 * line says how many similar failures were left out since the previous one. Without it, every query of
 * a dead upstream would be a WARN line (thousands a second).
 */
final class WarnLimiter {

    private final Scheduler clock;
    private final long intervalNanos;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    WarnLimiter(Scheduler clock, long interval, TimeUnit unit) {
        this.clock = clock;
        this.intervalNanos = unit.toNanos(interval);
        this.nextAllowed = new AtomicLong(clock.now(TimeUnit.NANOSECONDS));
    }

    /**
     * Whether a line may be written now: -1 if not (the failure is counted as suppressed), otherwise the
     * number of failures suppressed since the last line written (and the count starts again).
     */
    long tryAcquire() {
        long now = clock.now(TimeUnit.NANOSECONDS);
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
