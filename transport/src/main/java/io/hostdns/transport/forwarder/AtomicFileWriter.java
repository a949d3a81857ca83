package io.hostdns.transport.forwarder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Replaces a file in one step, so a reader (a process re-reading resolv.conf) sees the old content or
 * the new one, never a half-written file: the content goes to a temporary file in the same directory,
 * is forced to disk, gets the permissions of the file it replaces (or {@code rw-r--r--}: resolv.conf
 * must stay readable by every user, while temporary files are created private), and is renamed over
 * the target with {@link StandardCopyOption#ATOMIC_MOVE}. A symbolic link at the target is replaced by
 * the file, not followed. Where an atomic rename is impossible the write fails; it never falls back to a
 * non-atomic copy.
 *
 * <p>{@link #write} is blocking file I/O: call it off event loops, or use {@link #writeAsync}, which runs it
 * on {@link Schedulers#boundedElastic()}.
 */
final class AtomicFileWriter {

    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFileWriter() {
    }

    /** Replaces {@code target} with {@code content} (UTF-8). Blocking. */
    static void write(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)
                        ? Files.getPosixFilePermissions(absolute, LinkOption.NOFOLLOW_LINKS) : WORLD_READABLE;
                Files.setPosixFilePermissions(temp, permissions);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** {@link #write} on {@link Schedulers#boundedElastic()}, when subscribed. */
    static Mono<Void> writeAsync(Path target, String content) {
        return Mono.<Void>fromCallable(() -> {
            write(target, content);
            return null;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
