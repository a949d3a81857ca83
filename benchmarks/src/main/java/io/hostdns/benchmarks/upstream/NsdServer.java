package io.hostdns.benchmarks.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Record;
import org.xbill.DNS.DClass;

/**
 * NSD, the authoritative server, serving {@link BenchZone} on a free loopback port: a temporary directory
 * holds its config, zone, pid file and log; {@link #close()} stops the process (and only it) and deletes
 * the directory. NSD runs unprivileged-style: no chroot, no user switch, no remote control.
 */
public final class NsdServer implements BenchUpstream {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;
    private final String version;

    private NsdServer(Process process, Path dir, InetSocketAddress address, String version) {
        this.process = process;
        this.dir = dir;
        this.address = address;
        this.version = version;
    }

    /** The nsd executable: system property {@code bench.nsd}, else the PATH, else /usr/sbin. */
    public static Optional<Path> executable() {
        String configured = System.getProperty("bench.nsd");
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

    /** Starts NSD and waits until it answers; fails with a clear message when it is not installed. */
    public static NsdServer start() {
        Path nsd = executable().orElseThrow(() -> new IllegalStateException(
                "nsd not found (PATH, /usr/sbin, -Dbench.nsd): install it (apt-get install -y nsd) "
                        + "or run with -p upstream=inprocess"));
        try {
            Path dir = Files.createTempDirectory("hostdns-bench-nsd");
            int port = freeLoopbackPort();
            Files.writeString(dir.resolve("bench.test.zone"), BenchZone.zoneFile(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("nsd.conf"), config(dir, port), StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(nsd.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nsd.out").toFile())
                    .start();
            NsdServer server = new NsdServer(process, dir,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), version(nsd));
            server.awaitAnswering();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nsd", e);
        }
    }

    static String config(Path dir, int port) {
        return String.join("\n", List.of(
                "server:",
                "  ip-address: 127.0.0.1",
                "  port: " + port,
                "  do-ip6: no",
                "  server-count: 1",
                "  username: \"\"",
                "  chroot: \"\"",
                "  zonesdir: \"" + dir + "\"",
                "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "  logfile: \"" + dir.resolve("nsd.log") + "\"",
                "  database: \"\"",
                "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
                "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
                "  xfrdir: \"" + dir + "\"",
                "  verbosity: 0",
                "remote-control:",
                "  control-enable: no",
                "zone:",
                "  name: \"" + BenchZone.ORIGIN + "\"",
                "  zonefile: \"bench.test.zone\"",
                ""));
    }

    private void awaitAnswering() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try {
            SimpleResolver probe = new SimpleResolver(address);
            probe.setTimeout(Duration.ofMillis(200));
            Message query = Message.newQuery(Record.newRecord(BenchZone.name(0), Type.A, DClass.IN));
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nsd exited with " + process.exitValue() + ": " + log());
                }
                try {
                    if (probe.send(query).getRcode() == Rcode.NOERROR) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet (timeout or port unreachable): probe again until the deadline
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        close();
        throw new IllegalStateException("nsd did not answer within " + STARTUP_TIMEOUT + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("nsd.out")) + readIfExists(dir.resolve("nsd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String version(Path nsd) throws IOException {
        Process v = new ProcessBuilder(nsd.toString(), "-v").redirectErrorStream(true).start();
        try {
            String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            v.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("NSD").replace("version ", "").trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "NSD";
        } finally {
            v.destroy();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String label() {
        return version + " (authoritative, separate process) on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        // NSD's main process stops its own server and xfrd children on SIGTERM; only what we started is signalled.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
