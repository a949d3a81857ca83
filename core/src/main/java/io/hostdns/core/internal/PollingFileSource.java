package io.hostdns.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A file (resolv.conf, a hosts file) re-read on change by <b>polling</b>, as a {@code Flux} of its
 * parsed value. Polling rather than a {@code WatchService}: watches miss files replaced through bind
 * mounts and ConfigMap symlink swaps in containers (netty #11661, vert.x #4832).
 *
 * <p>Every {@code interval} on the timer scheduler the file's modification time and size are read; only
 * when they differ from the last poll is the content read and hashed (SHA-256), and only when the hash
 * differs from the last value emitted is it parsed and emitted. So a {@code touch} costs one read and
 * emits nothing. The first successful poll always emits. All file I/O runs on the I/O scheduler
 * (normally {@code Schedulers.boundedElastic()}), never on the timer's thread.
 *
 * <p>A missing, unreadable or unparsable file does not end the {@code Flux}: the failure is logged,
 * shown in {@link #status()}, and polling goes on, so the last good value stays in force. The
 * {@code Flux} is cold: each subscriber polls on its own (use {@code share()} to fan one out); they all
 * update the same {@link #status()}. Cancelling the subscription stops the polling.
 *
 * @param <T> the parsed value
 */
public final class PollingFileSource<T> {

    /** Parses the content of the file; runs on the I/O scheduler, may throw to reject the content. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] content) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(PollingFileSource.class);

    private final Path path;
    private final Parser<T> parser;
    private final Duration interval;
    private final Scheduler timer;
    private final Scheduler io;
    private final AtomicReference<FileSourceStatus> status;

    /**
     * @param path     the file
     * @param parser   turns its bytes into a value
     * @param interval time between polls (the first poll is immediate)
     * @param timer    runs the polling clock; its {@code now()} stamps the status
     * @param io       runs the file I/O and parsing
     */
    public PollingFileSource(Path path, Parser<T> parser, Duration interval, Scheduler timer, Scheduler io) {
        this.path = Objects.requireNonNull(path, "path");
        this.parser = Objects.requireNonNull(parser, "parser");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.timer = Objects.requireNonNull(timer, "timer");
        this.io = Objects.requireNonNull(io, "io");
        this.status = new AtomicReference<>(FileSourceStatus.initial(path));
    }

    /** The parsed value now and after each change; see the class comment. */
    public Flux<T> values() {
        return Flux.defer(() -> {
            Stamp seen = new Stamp();
            // A slow disk must not queue ticks: a tick arriving during a read is dropped.
            return Flux.interval(Duration.ZERO, interval, timer)
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(() -> poll(seen)).subscribeOn(io)
                            .flatMap(Mono::justOrEmpty), 1);
        });
    }

    /** What the last poll of any subscriber saw. */
    public FileSourceStatus status() {
        return status.get();
    }

    private java.util.Optional<T> poll(Stamp seen) {
        Instant now = Instant.ofEpochMilli(timer.now(TimeUnit.MILLISECONDS));
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            long size = attributes.size();
            if (modified == seen.modified && size == seen.size) {
                status.updateAndGet(s -> s.checked(now));
                return java.util.Optional.empty();
            }
            byte[] content = Files.readAllBytes(path);
            byte[] hash = sha256(content);
            if (seen.hash != null && Arrays.equals(hash, seen.hash)) {
                seen.remember(modified, size, hash);
                status.updateAndGet(s -> s.checked(now));
                return java.util.Optional.empty();
            }
            T value = parser.parse(content);
            seen.remember(modified, size, hash);
            status.updateAndGet(s -> s.loaded(now));
            return java.util.Optional.of(value);
        } catch (Exception e) {
            // Keep polling with the last good value; the failure is reported, not hidden.
            log.warn("cannot load {}: {}", path, e.toString());
            seen.failed();
            status.updateAndGet(s -> s.failed(now, e));
            return java.util.Optional.empty();
        }
    }

    private static byte[] sha256(byte[] content) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(content);
    }

    /** What one subscriber last loaded; touched only by its own sequential polls. */
    private static final class Stamp {
        long modified = -1;
        long size = -1;
        byte @Nullable [] hash;

        void remember(long newModified, long newSize, byte[] newHash) {
            modified = newModified;
            size = newSize;
            hash = newHash;
        }

        void failed() {
            // Forget mtime and size so that the next poll reads the content again; keep the hash so an
            // unchanged file is not emitted twice.
            modified = -1;
            size = -1;
        }
    }
}
