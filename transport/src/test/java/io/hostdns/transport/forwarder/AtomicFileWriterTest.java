package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.search.ResolvConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_createsTheFile_worldReadable_leavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("resolv.conf");

        AtomicFileWriter.write(target, "nameserver 127.0.0.53\n");

        assertThat(target).hasContent("nameserver 127.0.0.53");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_replacesAnExistingFile_keepingItsPermissions() throws IOException {
        Path target = Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.168.1.1\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        Object before = Files.getAttribute(target, "unix:ino");

        AtomicFileWriter.write(target, "nameserver 127.0.0.53\n");

        assertThat(ResolvConf.read(target).conf().nameservers()).containsExactly("127.0.0.53");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
        assertThat(Files.getAttribute(target, "unix:ino")).as("a new inode: renamed over, not rewritten in place")
                .isNotEqualTo(before);
    }

    @Test
    void failedWrite_leavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("is-a-directory"));
        Files.writeString(target.resolve("child"), "x");

        assertThatThrownBy(() -> AtomicFileWriter.write(target, "nameserver 127.0.0.53\n")).isInstanceOf(IOException.class);

        assertThat(target).isDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void writeAsync_runsOffTheCallerOnBoundedElastic_whenSubscribed() {
        Path target = dir.resolve("resolv.conf");
        var pending = AtomicFileWriter.writeAsync(target, "search lan.example\n");
        assertThat(target).doesNotExist();

        StepVerifier.create(pending).verifyComplete();

        assertThat(target).hasContent("search lan.example");
    }

    @Test
    void writeAsync_reportsFailures() {
        StepVerifier.create(AtomicFileWriter.writeAsync(dir.resolve("missing-dir/resolv.conf"), "x"))
                .expectError(IOException.class)
                .verify(Duration.ofSeconds(5));
    }
}
