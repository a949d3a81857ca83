package io.hostdns.transport.forwarder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A file the forwarder follows (its configuration, a hosts file): polled every {@code interval} for a change of
 * modification time or size, and read at once on each {@code trigger} (SIGHUP), whatever the stamp says. Polling
 * rather than a {@code WatchService}, since watches miss files replaced through bind mounts and ConfigMap
 * symlink swaps (the reasoning of core's {@code PollingFileSource}, whose per-poll logging and hidden failures
 * do not suit a reload that must say once, and visibly, why it failed).
 *
 * <p>Emits a {@link Read} for the first poll, for each change, and for each trigger; a file that cannot be read
 * is one {@link Read} with the error, emitted again only when the error changes or a trigger asks. The I/O
 * runs on {@code Schedulers.boundedElastic()}; polls and triggers are handled one at a time. Cold: each
 * subscriber polls on its own until it cancels.
 */
final class FileWatch {

    /**
     * What one read found.
     *
     * @param file    the file
     * @param content its bytes, or null when it could not be read
     * @param error   why it could not be read ({@code NoSuchFileException: /etc/x}), or null
     */
    record Read(Path file, byte @Nullable [] content, @Nullable String error) {
    }

    private FileWatch() {
    }

    /** The reads of {@code file}; see the class comment. */
    static Flux<Read> watch(Path file, Duration interval, Flux<?> triggers, Scheduler timer) {
        return Flux.defer(() -> {
            Stamp seen = new Stamp();
            Flux<Boolean> ticks = Flux.merge(Flux.interval(Duration.ZERO, interval, timer).map(t -> Boolean.FALSE)
                            .onBackpressureDrop(), triggers.map(t -> Boolean.TRUE))
                    .onBackpressureLatest();
            return ticks.concatMap(forced -> Mono.fromCallable(() -> poll(file, seen, forced))
                    .subscribeOn(Schedulers.boundedElastic()).flatMap(Mono::justOrEmpty), 1);
        });
    }

    /** Reads {@code file} once, now (blocking: off event loops). */
    static Read readNow(Path file) {
        return poll(file, new Stamp(), true).orElseThrow();
    }

    private static java.util.Optional<Read> poll(Path file, Stamp seen, boolean forced) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            long size = attributes.size();
            if (!forced && seen.error == null && modified == seen.modified && size == seen.size) {
                return java.util.Optional.empty();
            }
            byte[] content = Files.readAllBytes(file);
            seen.modified = modified;
            seen.size = size;
            seen.error = null;
            return java.util.Optional.of(new Read(file, content, null));
        } catch (IOException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            boolean repeated = error.equals(seen.error);
            seen.error = error;
            seen.modified = -1;
            return repeated && !forced ? java.util.Optional.empty() : java.util.Optional.of(new Read(file, null, error));
        }
    }

    /** What one subscriber last saw; touched only by its own sequential polls. */
    private static final class Stamp {
        long modified = -1;
        long size = -1;
        @Nullable String error;

        @Override
        public String toString() {
            return Objects.toString(error, modified + "/" + size);
        }
    }
}
