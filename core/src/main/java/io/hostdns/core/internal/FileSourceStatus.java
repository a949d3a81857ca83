package io.hostdns.core.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PollingFileSource} last saw, for status pages and {@code hostdns upstreams}-like output.
 * Times are on the source's scheduler clock.
 *
 * @param path          the file polled
 * @param loads         how many times a changed file was read and parsed successfully
 * @param lastLoaded    when the last successful load happened; null before the first
 * @param lastChecked   when the file was last polled; null before the first poll
 * @param lastError     the last failure (missing file, I/O or parse error) as {@code Type: message}; null
 *                      when the last poll succeeded
 * @param lastErrorAt   when that failure happened; null when {@code lastError} is null
 */
public record FileSourceStatus(Path path, long loads, @Nullable Instant lastLoaded, @Nullable Instant lastChecked,
                               @Nullable String lastError, @Nullable Instant lastErrorAt) {

    public FileSourceStatus {
        Objects.requireNonNull(path, "path");
    }

    static FileSourceStatus initial(Path path) {
        return new FileSourceStatus(path, 0, null, null, null, null);
    }

    /** A successful poll that found nothing new: the file is readable again, so the error is cleared. */
    FileSourceStatus checked(Instant now) {
        return new FileSourceStatus(path, loads, lastLoaded, now, null, null);
    }

    FileSourceStatus loaded(Instant now) {
        return new FileSourceStatus(path, loads + 1, now, now, null, null);
    }

    FileSourceStatus failed(Instant now, Throwable error) {
        return new FileSourceStatus(path, loads, lastLoaded, now,
                error.getClass().getSimpleName() + ": " + error.getMessage(), now);
    }
}
