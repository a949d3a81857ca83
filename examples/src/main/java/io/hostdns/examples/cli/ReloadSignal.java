package io.hostdns.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP as a reload request for {@code serve --config}, the way daemons are told to re-read their
 * configuration ({@code systemctl reload} sends it, see deploy/hostdns.service). While installed, the JVM's own
 * SIGHUP handling (shutting down) is replaced; {@link #close()} puts it back. Where the signal cannot be handled
 * (a JVM started with {@code -Xrs}, a platform without SIGHUP) it says so once and the file is still polled.
 * {@code sun.misc.Signal} (module jdk.unsupported, which Netty needs anyway) is the JDK's only signal API.
 */
final class ReloadSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);
    private static final String HUP = "HUP";

    private final Sinks.Many<Object> signals = Sinks.many().multicast().directBestEffort();
    private final @Nullable SignalHandler previous;

    ReloadSignal() {
        SignalHandler replaced = null;
        try {
            replaced = Signal.handle(new Signal(HUP), signal -> {
                // runs on the JVM's signal thread; the reload itself runs where the forwarder queues it
                synchronized (signals) {
                    signals.tryEmitNext(HUP);
                }
            });
        } catch (IllegalArgumentException unavailable) {
            log.warn("SIGHUP cannot be handled here ({}): reload by changing the file instead", unavailable.getMessage());
        }
        if (ignoredByProcess()) {
            // a JVM started with SIGHUP ignored (nohup, some supervisors) keeps ignoring it, whatever is registered
            log.warn("SIGHUP is ignored by this process (started under nohup?): reload by changing the file instead");
        }
        this.previous = replaced;
    }

    /**
     * Whether this process ignores SIGHUP: bit 0 of the {@code SigIgn} mask in /proc/self/status (Linux); false
     * where that file does not exist.
     */
    static boolean ignoredByProcess() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 1L) != 0;
                }
            }
            return false;
        } catch (IOException | NumberFormatException notLinux) {
            return false; // no such mask to read: the handler registered above is all there is to know
        }
    }

    /** Each SIGHUP from now on (hot). */
    Flux<Object> signals() {
        return signals.asFlux();
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal(HUP), previous);
        }
        synchronized (signals) {
            signals.tryEmitComplete();
        }
    }
}
