package io.hostdns.transport.forwarder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident set size of this process, for the {@code process_resident_memory_bytes} gauge that sizes a
 * DaemonSet's memory limit: the {@code VmRSS} line of {@code /proc/self/status} (Linux), NaN where there is none.
 * Reads a file: only from a scrape, which runs off the event loops.
 */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    static double bytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     41236 kB"
                    String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Double.parseDouble(fields[0]) * 1024;
                }
            }
            return Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN; // not Linux, or no procfs: the gauge says "unknown"
        }
    }
}
