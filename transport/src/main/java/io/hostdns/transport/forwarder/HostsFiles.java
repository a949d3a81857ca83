package io.hostdns.transport.forwarder;

import io.hostdns.core.hosts.HostsFile;
import io.hostdns.core.hosts.StaticHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The hosts files of {@code hostDNS.hostsFiles} (hosts(5) syntax), kept across configurations: each file's last
 * good content, re-read when it changes (polled), added to the static host table of every generation. A line
 * that cannot be used is logged (the others are kept, as glibc does); a file that cannot be read is logged
 * once and keeps its last good content (none at first). {@link #follow} makes the set of files followed the
 * configured one and calls back on each change, so that the forwarder rebuilds its hosts stage and drops the
 * changed names from the cache.
 */
final class HostsFiles implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(HostsFiles.class);

    private final Map<Path, HostsFile> loaded = new ConcurrentHashMap<>();
    private final Disposable.Swap watches = Disposables.swap();
    private final Duration interval;
    private final Scheduler timer;
    private List<Path> followed = List.of();

    HostsFiles(Duration interval, Scheduler timer) {
        this.interval = interval;
        this.timer = timer;
    }

    /**
     * Follows {@code files} from now on (reading any not read yet now: blocking, call off event loops), calling
     * {@code changed} after each later change of one of them. Called by the serialised start and
     * reconfigurations only.
     */
    void follow(List<Path> files, Runnable changed) {
        if (files.equals(followed)) {
            return;
        }
        loaded.keySet().retainAll(files);
        for (Path file : files) {
            if (!loaded.containsKey(file)) {
                apply(FileWatch.readNow(file));
            }
        }
        followed = List.copyOf(files);
        List<Flux<FileWatch.Read>> reads = new ArrayList<>();
        for (Path file : files) {
            // the first poll reads what readNow just read: skip it
            reads.add(FileWatch.watch(file, interval, Flux.never(), timer).skip(1));
        }
        watches.update(Flux.merge(reads).subscribe(read -> {
            if (apply(read)) {
                changed.run();
            }
        }, error -> log.warn("hosts files are no longer followed: {}", error.toString())));
    }

    /** {@code hosts} with the entries of every followed file, in configuration order. */
    StaticHosts.Builder addTo(StaticHosts.Builder hosts) {
        StaticHosts.Builder with = hosts;
        for (Path file : followed) {
            HostsFile content = loaded.get(file);
            if (content != null) {
                with = with.hostsFile(content);
            }
        }
        return with;
    }

    /** How many names each followed file gives, for the stage list. */
    Map<Path, Integer> sizes() {
        Map<Path, Integer> sizes = new LinkedHashMap<>();
        for (Path file : followed) {
            HostsFile content = loaded.get(file);
            sizes.put(file, content == null ? 0 : content.entries().stream().mapToInt(e -> e.names().size()).sum());
        }
        return sizes;
    }

    /** Takes in one read; whether the table changed. */
    private boolean apply(FileWatch.Read read) {
        byte[] content = read.content();
        if (content == null) {
            log.warn("hosts file {} cannot be read, keeping its last good content: {}", read.file(), read.error());
            return false;
        }
        HostsFile parsed = HostsFile.parse(read.file().toString(), new String(content, StandardCharsets.UTF_8));
        parsed.problems().forEach(problem -> log.warn("hosts file line skipped: {}", problem.getMessage()));
        HostsFile before = loaded.put(read.file(), parsed);
        return before == null || !before.entries().equals(parsed.entries());
    }

    @Override
    public void dispose() {
        watches.dispose();
    }

    @Override
    public boolean isDisposed() {
        return watches.isDisposed();
    }
}
