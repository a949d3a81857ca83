package io.hostdns.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The one launcher of a real NSD authoritative server, for interop tests and the benchmarks' upstream: on
 * a free (or given) 127.0.0.1 port, serving one zone or several, configured entirely in a temporary directory (no
 * chroot, no privilege drop, no remote control, no database, one server process, IPv4 only). It is ready
 * once it answers a SOA query for each of its zones. {@link #close()} stops the process it started (and only it and
 * its children) and deletes the directory.
 *
 * <p>The binary is {@code -Dhostdns.nsd=/path/to/nsd}, else the first {@code nsd} on the PATH, in
 * /usr/sbin or in /usr/local/sbin. Tests call {@link #start(String, String)}: without NSD the test is skipped
 * with a message, except in CI ({@code CI=true}), where a missing peer is a failure (interop must never be
 * silently skipped there). Code that runs without JUnit (the benchmarks) calls
 * {@link #start(Path, String, String, int)} with a binary from {@link #findBinary()}.
 */
public final class NsdServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final Process process;
    private final int port;
    private final Path binary;

    private NsdServer(Path dir, Process process, int port, Path binary) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.binary = binary;
    }

    /** The nsd binary: {@code -Dhostdns.nsd}, else the PATH, else /usr/sbin and /usr/local/sbin. */
    public static Optional<Path> findBinary() {
        String configured = System.getProperty("hostdns.nsd");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(p -> !p.isEmpty())
                .map(p -> Path.of(p, "nsd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The nsd binary, or a skipped (outside CI) / failed (in CI) test when there is none. */
    public static Path requireBinary() {
        Optional<Path> found = findBinary();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("nsd is not installed, and CI=true: interop tests must run in CI "
                    + "(apt-get install -y nsd)");
        }
        Assumptions.assumeTrue(found.isPresent(), "nsd is not installed (apt-get install -y nsd); interop test skipped");
        return found.orElseThrow();
    }

    /** Starts nsd serving {@code zoneText} as {@code zoneName} on a free port and waits until it answers. */
    public static NsdServer start(String zoneName, String zoneText) {
        return start(requireBinary(), zoneName, zoneText, freePort());
    }

    /** Starts nsd serving several zones (zone name → zone text) on a free port and waits until it answers for each. */
    public static NsdServer start(Map<String, String> zones) {
        return start(requireBinary(), zones, freePort());
    }

    /**
     * Starts nsd on a given loopback {@code port}, e.g. the port of an instance just closed, to restart an
     * upstream in place.
     */
    public static NsdServer start(String zoneName, String zoneText, int port) {
        return start(requireBinary(), zoneName, zoneText, port);
    }

    /**
     * Starts {@code binary} serving {@code zoneText} as {@code zoneName} on 127.0.0.1:{@code port} and waits
     * (at most 15 s) until it answers a SOA query for the zone; needs no JUnit.
     *
     * @throws IllegalStateException when nsd exits or does not answer in time (with its log)
     */
    public static NsdServer start(Path binary, String zoneName, String zoneText, int port) {
        return start(binary, Map.of(zoneName, zoneText), port);
    }

    /**
     * Starts {@code binary} serving {@code zones} (zone name → zone text) on 127.0.0.1:{@code port} and waits
     * (at most 15 s) until it answers a SOA query for each zone; needs no JUnit.
     *
     * @throws IllegalStateException when nsd exits or does not answer in time (with its log)
     */
    public static NsdServer start(Path binary, Map<String, String> zones, int port) {
        try {
            Path dir = Files.createTempDirectory("hostdns-nsd");
            List<String> names = List.copyOf(zones.keySet());
            for (int i = 0; i < names.size(); i++) {
                Files.writeString(dir.resolve(zoneFile(i)), zones.get(names.get(i)), StandardCharsets.US_ASCII);
            }
            Files.writeString(dir.resolve("nsd.conf"), config(dir, names, port), StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(binary.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            NsdServer server = new NsdServer(dir, process, port, binary);
            for (String name : names) {
                server.awaitAnswering(Name.fromString(name, Name.root));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nsd", e);
        }
    }

    private static String zoneFile(int index) {
        return index == 0 ? "zone.db" : "zone" + index + ".db";
    }

    private static String config(Path dir, List<String> zoneNames, int port) {
        String d = dir.toAbsolutePath().toString();
        List<String> lines = new ArrayList<>(List.of(
                "server:",
                "  ip-address: 127.0.0.1",
                "  port: " + port,
                "  do-ip6: no",
                "  username: \"\"",
                "  chroot: \"\"",
                "  zonesdir: \"" + d + "\"",
                "  pidfile: \"" + d + "/nsd.pid\"",
                "  database: \"\"",
                "  zonelistfile: \"" + d + "/zone.list\"",
                "  xfrdfile: \"" + d + "/xfrd.state\"",
                "  xfrdir: \"" + d + "\"",
                "  logfile: \"" + d + "/nsd.log\"",
                "  server-count: 1",
                "  verbosity: 1",
                "remote-control:",
                "  control-enable: no"));
        for (int i = 0; i < zoneNames.size(); i++) {
            lines.addAll(List.of("zone:", "  name: \"" + zoneNames.get(i) + "\"", "  zonefile: \"" + zoneFile(i) + "\""));
        }
        lines.add("");
        return String.join("\n", lines);
    }

    private void awaitAnswering(Name zone) {
        SimpleResolver probe = new SimpleResolver(address());
        probe.setTimeout(Duration.ofMillis(200));
        Message query = Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
        try {
            Await.until(STARTUP_TIMEOUT, "nsd to answer for " + zone + " on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nsd exited with " + process.exitValue() + ": " + log());
                }
                try {
                    return probe.send(query).getRcode() == Rcode.NOERROR;
                } catch (IOException notYet) {
                    return false; // not listening yet (timeout or port unreachable)
                }
            });
        } catch (RuntimeException | AssertionError e) {
            String log = log();
            close();
            throw new IllegalStateException("nsd did not start: " + e.getMessage() + "; log: " + log, e);
        }
    }

    private String log() {
        StringBuilder out = new StringBuilder();
        for (String file : List.of("stdout.log", "nsd.log")) {
            try {
                if (Files.exists(dir.resolve(file))) {
                    out.append(Files.readString(dir.resolve(file)));
                }
            } catch (IOException e) {
                out.append("(cannot read ").append(file).append(": ").append(e).append(')');
            }
        }
        return out.toString();
    }

    /** A loopback port free for both UDP and TCP right now. */
    public static int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                // UDP side of that port is taken: try another
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP");
    }

    /** Where nsd listens (UDP and TCP). */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The first line of {@code nsd -v}, e.g. {@code NSD 4.6.1}, or {@code NSD} when it says nothing. */
    public String version() {
        try {
            Process v = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
            try {
                String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                v.waitFor(5, TimeUnit.SECONDS);
                return out.lines().findFirst().orElse("NSD").replace("version ", "").trim();
            } finally {
                v.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary + " -v", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "NSD";
        }
    }

    /** Stops nsd and its children (SIGTERM, then SIGKILL after 5 s) and deletes the temporary directory; idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!Files.exists(dir)) {
            return; // closed before
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
