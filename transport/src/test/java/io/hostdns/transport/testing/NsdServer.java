package io.hostdns.transport.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real NSD authoritative server for interop tests, on a free loopback port, serving a zone the test
 * writes, configured entirely in a temporary directory (no chroot, no privilege drop, no remote control,
 * no database). {@link #close()} stops it and every process it forked, and deletes the directory.
 *
 * <p>When {@code nsd} is not installed the test is skipped with a message, except in CI ({@code CI=true}),
 * where a missing peer is a failure: interop must never be silently skipped there.
 */
public final class NsdServer implements AutoCloseable {

    private static final List<String> LOCATIONS = List.of("/usr/sbin/nsd", "/usr/local/sbin/nsd", "/usr/bin/nsd");

    private final Path dir;
    private final Process process;
    private final int port;

    private NsdServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** The nsd binary, or a skipped (outside CI) / failed (in CI) test when there is none. */
    public static Path requireBinary() {
        Optional<Path> found = LOCATIONS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("nsd is not installed, and CI=true: interop tests must run in CI "
                    + "(apt-get install -y nsd)");
        }
        Assumptions.assumeTrue(found.isPresent(), "nsd is not installed (apt-get install -y nsd); interop test skipped");
        return found.orElseThrow();
    }

    /** Starts nsd serving {@code zoneText} as {@code zoneName} and waits until its port answers (at most 10 s). */
    public static NsdServer start(String zoneName, String zoneText) throws IOException, InterruptedException {
        return start(zoneName, zoneText, freePort());
    }

    /**
     * Starts nsd on a given loopback {@code port}, e.g. the port of an instance just closed, to restart an
     * upstream in place.
     */
    public static NsdServer start(String zoneName, String zoneText, int port) throws IOException, InterruptedException {
        Path binary = requireBinary();
        Path dir = Files.createTempDirectory("hostdns-nsd");
        Files.writeString(dir.resolve("zone.db"), zoneText, StandardCharsets.US_ASCII);
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("nsd.conf"), String.join("\n",
                "server:",
                "  ip-address: 127.0.0.1",
                "  port: " + port,
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
                "  control-enable: no",
                "zone:",
                "  name: \"" + zoneName + "\"",
                "  zonefile: \"zone.db\"",
                ""));
        Process process = new ProcessBuilder(binary.toString(), "-d", "-c", d + "/nsd.conf")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        NsdServer server = new NsdServer(dir, process, port);
        server.awaitStarted(Duration.ofSeconds(10));
        return server;
    }

    private void awaitStarted(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Path log = dir.resolve("nsd.log");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String out = Files.readString(dir.resolve("stdout.log"));
                close();
                throw new IllegalStateException("nsd exited with " + process.exitValue() + ": " + out);
            }
            if (Files.exists(log) && Files.readString(log).contains("nsd started")) {
                return;
            }
            Thread.sleep(20);
        }
        close();
        throw new IllegalStateException("nsd did not start within " + max.toMillis() + " ms");
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                // UDP side of that port is taken: try another
            }
        }
        throw new IOException("no loopback port free for both UDP and TCP");
    }

    /** Where nsd listens (UDP and TCP). */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Stops nsd and its children (SIGTERM, then SIGKILL after 5 s) and deletes the temporary directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
