package io.hostdns.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.search.ResolvConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Polling a real file in a temp dir; the clock is virtual, the I/O runs on boundedElastic. */
class PollingFileSourceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private PollingFileSource<ResolvConf> source(Path file) {
        return new PollingFileSource<>(file,
                bytes -> ResolvConf.parse(new String(bytes, StandardCharsets.UTF_8)).conf(),
                INTERVAL, clock, Schedulers.boundedElastic());
    }

    private static void write(Path file, String text, long modifiedSecond) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(modifiedSecond)));
    }

    @Test
    void emitsAtOnce_thenOnlyWhenTheContentChanges() throws IOException {
        Path file = dir.resolve("resolv.conf");
        write(file, "nameserver 192.0.2.1\nsearch a.example\n", 1_000);
        PollingFileSource<ResolvConf> source = source(file);
        StepVerifier.create(source.values())
                .assertNext(conf -> assertThat(conf.nameservers()).containsExactly("192.0.2.1"))
                .then(() -> clock.advanceTimeBy(INTERVAL))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> {
                    try {
                        write(file, "nameserver 192.0.2.2\noptions ndots:5\n", 2_000);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .assertNext(conf -> {
                    assertThat(conf.nameservers()).containsExactly("192.0.2.2");
                    assertThat(conf.options().ndots()).isEqualTo(5);
                })
                .thenCancel()
                .verify(WAIT);
        assertThat(source.status().loads()).isEqualTo(2);
        assertThat(source.status().lastLoaded()).isEqualTo(Instant.ofEpochSecond(10));
        assertThat(source.status().lastError()).isNull();
    }

    @Test
    void touchWithoutChange_isReadButNotEmitted() throws IOException {
        Path file = dir.resolve("hosts");
        write(file, "nameserver 192.0.2.1\n", 1_000);
        PollingFileSource<ResolvConf> source = source(file);
        StepVerifier.create(source.values())
                .expectNextCount(1)
                .then(() -> {
                    try {
                        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(5_000)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(WAIT);
        assertThat(source.status().loads()).isEqualTo(1);
        assertThat(source.status().lastChecked()).isEqualTo(Instant.ofEpochSecond(5));
    }

    @Test
    void sameSizeAndMtime_butNewContent_isNotSeenUntilMtimeMoves_thenIsEmitted() throws IOException {
        Path file = dir.resolve("resolv.conf");
        write(file, "nameserver 192.0.2.1\n", 1_000);
        PollingFileSource<ResolvConf> source = source(file);
        StepVerifier.create(source.values())
                .expectNextCount(1)
                .then(() -> {
                    try {
                        write(file, "nameserver 192.0.2.7\n", 1_001);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .assertNext(conf -> assertThat(conf.nameservers()).containsExactly("192.0.2.7"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void missingFile_isReportedInStatus_andPollingGoesOnUntilItAppears() throws IOException {
        Path file = dir.resolve("late.conf");
        PollingFileSource<ResolvConf> source = source(file);
        StepVerifier.create(source.values())
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> {
                    assertThat(source.status().lastError()).contains("NoSuchFileException");
                    assertThat(source.status().lastErrorAt()).isEqualTo(Instant.EPOCH);
                    try {
                        write(file, "nameserver 192.0.2.3\n", 3_000);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .assertNext(conf -> assertThat(conf.nameservers()).containsExactly("192.0.2.3"))
                .thenCancel()
                .verify(WAIT);
        assertThat(source.status().lastError()).isNull();
        assertThat(source.status().loads()).isEqualTo(1);
    }

    @Test
    void parseFailure_keepsTheLastGoodValue_andShowsTheError() throws IOException {
        Path file = dir.resolve("strict");
        Files.writeString(file, "ok");
        PollingFileSource<String> source = new PollingFileSource<>(file, bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("bad")) {
                throw new IllegalArgumentException("line 1: bad content");
            }
            return text;
        }, INTERVAL, clock, Schedulers.boundedElastic());
        StepVerifier.create(source.values())
                .expectNext("ok")
                .then(() -> {
                    try {
                        write(file, "bad!", 9_000);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(source.status().lastError()).isEqualTo(
                        "IllegalArgumentException: line 1: bad content"))
                .then(() -> {
                    try {
                        write(file, "fixed", 9_100);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    clock.advanceTimeBy(INTERVAL);
                })
                .expectNext("fixed")
                .thenCancel()
                .verify(WAIT);
        assertThat(source.status().lastError()).isNull();
    }
}
