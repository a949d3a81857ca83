package io.hostdns.transport.forwarder;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps the forwarder's {@link ForwarderStatus.ConfigStatus}: applied configurations and failed reloads, stamped
 * on the forwarder's scheduler clock. Updated by the serialised reconfigurations, read from any thread.
 */
final class ConfigTracker {

    private final Scheduler clock;
    private final AtomicReference<ForwarderStatus.ConfigStatus> status;

    ConfigTracker(Scheduler clock) {
        this.clock = clock;
        this.status = new AtomicReference<>(new ForwarderStatus.ConfigStatus(null, now(), 1, 0, null, null));
    }

    ForwarderStatus.ConfigStatus status() {
        return status.get();
    }

    /** From now on the configuration is read from {@code source}. */
    void source(@Nullable String source) {
        status.updateAndGet(s -> new ForwarderStatus.ConfigStatus(source, s.appliedAt(), s.applied(), s.failed(),
                s.lastError(), s.lastErrorAt()));
    }

    /** A configuration was applied: the last failure, if any, is over. */
    void applied() {
        Instant now = now();
        status.updateAndGet(s -> new ForwarderStatus.ConfigStatus(s.source(), now, s.applied() + 1, s.failed(), null,
                null));
    }

    /** A reload failed with {@code error}; the configuration in force stays. */
    void failed(String error) {
        Instant now = now();
        status.updateAndGet(s -> new ForwarderStatus.ConfigStatus(s.source(), s.appliedAt(), s.applied(),
                s.failed() + 1, error, now));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
    }
}
