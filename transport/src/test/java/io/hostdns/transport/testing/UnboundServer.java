package io.hostdns.transport.testing;

import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real unbound resolver for interop tests, configured entirely in a temporary directory and run as a
 * non-daemonized child process, in one of two roles: serving DNS-over-TLS and DNS-over-HTTPS (HTTP/2) on
 * free loopback ports with a given server certificate, answering only from local data
 * ({@link #start(X509Bundle, List)}); or a plain DNS resolver (UDP and TCP) on a free loopback port with
 * the given configuration, e.g. a validating forwarder to a local NSD ({@link #startResolver(List, List)}).
 * No query ever leaves the machine.
 * The generated configuration is checked with {@code unbound-checkconf} first, so a wrong one fails with
 * unbound's own message. {@link #close()} stops it and deletes the directory.
 *
 * <p>When {@code unbound} is not installed the test is skipped with a message, except in CI
 * ({@code CI=true}), where a missing peer is a failure: interop must never be silently skipped there.
 */
public final class UnboundServer implements AutoCloseable {

    private static final List<String> LOCATIONS = List.of("/usr/sbin/unbound", "/usr/local/sbin/unbound", "/usr/bin/unbound");

    private final Path dir;
    private final Process process;
    private final int dotPort;
    private final int dohPort;
    private final int dnsPort;

    private UnboundServer(Path dir, Process process, int dotPort, int dohPort, int dnsPort) {
        this.dir = dir;
        this.process = process;
        this.dotPort = dotPort;
        this.dohPort = dohPort;
        this.dnsPort = dnsPort;
    }

    /** The unbound binary, or a skipped (outside CI) / failed (in CI) test when there is none. */
    public static Path requireBinary() {
        Optional<Path> found = LOCATIONS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("unbound is not installed, and CI=true: interop tests must run in CI "
                    + "(apt-get install -y unbound)");
        }
        Assumptions.assumeTrue(found.isPresent(), "unbound is not installed (apt-get install -y unbound); interop test skipped");
        return found.orElseThrow();
    }

    /**
     * Starts unbound with DoT and DoH (path {@code /dns-query}) presenting {@code identity}, serving
     * {@code localLines} ({@code local-zone:}/{@code local-data:} lines, without indentation), and waits
     * until both ports accept connections (at most 10 s).
     */
    public static UnboundServer start(X509Bundle identity, List<String> localLines) throws IOException, InterruptedException {
        Path binary = requireBinary();
        Path dir = Files.createTempDirectory("hostdns-unbound");
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("server.key"), identity.getPrivateKeyPEM(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("server.pem"), identity.getCertificatePEM(), StandardCharsets.US_ASCII);
        int dotPort = freeTcpPort();
        int dohPort = freeTcpPort();
        List<String> conf = new ArrayList<>(baseServerLines(dir));
        conf.addAll(List.of(
                "  module-config: \"iterator\"",
                "  do-not-query-localhost: no",
                "  interface: 127.0.0.1@" + dotPort,
                "  interface: 127.0.0.1@" + dohPort,
                "  tls-port: " + dotPort,
                "  https-port: " + dohPort,
                "  http-endpoint: \"/dns-query\"",
                "  http-notls-downstream: no",
                "  tls-service-key: \"" + d + "/server.key\"",
                "  tls-service-pem: \"" + d + "/server.pem\""));
        localLines.forEach(line -> conf.add("  " + line));
        conf.addAll(List.of("remote-control:", "  control-enable: no", ""));
        return launch(binary, dir, conf, dotPort, dohPort, -1);
    }

    /**
     * Starts unbound as a plain DNS resolver on a free loopback port (UDP and TCP) with {@code serverLines}
     * added to its {@code server:} clause and {@code clauses} (e.g. a {@code forward-zone:}, lines as they
     * go in the file) after it, and waits until the port accepts TCP connections (at most 10 s).
     */
    public static UnboundServer startResolver(List<String> serverLines, List<String> clauses)
            throws IOException, InterruptedException {
        Path binary = requireBinary();
        Path dir = Files.createTempDirectory("hostdns-unbound");
        int dnsPort = NsdServer.freePort();
        List<String> conf = new ArrayList<>(baseServerLines(dir));
        conf.add("  interface: 127.0.0.1@" + dnsPort);
        serverLines.forEach(line -> conf.add("  " + line));
        conf.addAll(List.of("remote-control:", "  control-enable: no"));
        conf.addAll(clauses);
        conf.add("");
        return launch(binary, dir, conf, -1, -1, dnsPort);
    }

    private static List<String> baseServerLines(Path dir) {
        String d = dir.toAbsolutePath().toString();
        return List.of(
                "server:",
                "  username: \"\"",
                "  chroot: \"\"",
                "  directory: \"" + d + "\"",
                "  pidfile: \"" + d + "/unbound.pid\"",
                "  use-syslog: no",
                "  logfile: \"" + d + "/unbound.log\"",
                "  verbosity: 1",
                "  do-daemonize: no",
                "  num-threads: 1",
                "  do-ip6: no");
    }

    private static UnboundServer launch(Path binary, Path dir, List<String> conf, int dotPort, int dohPort, int dnsPort)
            throws IOException, InterruptedException {
        Path confFile = dir.resolve("unbound.conf");
        Files.writeString(confFile, String.join("\n", conf), StandardCharsets.US_ASCII);
        checkConfig(binary, dir, confFile);
        Process process = new ProcessBuilder(binary.toString(), "-d", "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        UnboundServer server = new UnboundServer(dir, process, dotPort, dohPort, dnsPort);
        server.awaitListening(Duration.ofSeconds(10));
        return server;
    }

    private static void checkConfig(Path binary, Path dir, Path confFile) throws IOException, InterruptedException {
        Path checker = binary.resolveSibling("unbound-checkconf");
        if (!Files.isExecutable(checker)) {
            return; // the daemon itself still rejects a bad config, with a less focused message
        }
        Path out = dir.resolve("checkconf.log");
        Process check = new ProcessBuilder(checker.toString(), confFile.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!check.waitFor(10, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new IllegalStateException("unbound-checkconf did not finish within 10 s");
        }
        if (check.exitValue() != 0) {
            throw new IllegalStateException("unbound-checkconf rejected the generated config: "
                    + Files.readString(out) + "\n" + Files.readString(confFile));
        }
    }

    private void awaitListening(Duration max) throws IOException, InterruptedException {
        List<Integer> ports = Stream.of(dotPort, dohPort, dnsPort).filter(p -> p > 0).toList();
        try {
            Await.until(max, "unbound to listen on ports " + ports, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("unbound exited with " + process.exitValue() + ": " + log());
                }
                return ports.stream().allMatch(UnboundServer::accepts);
            });
        } catch (RuntimeException | AssertionError e) {
            close();
            throw new IllegalStateException("unbound did not start: " + e.getMessage(), e);
        }
    }

    private String log() {
        StringBuilder out = new StringBuilder();
        for (String file : List.of("stdout.log", "unbound.log")) {
            Path path = dir.resolve(file);
            try {
                out.append(Files.exists(path) ? Files.readString(path) : "");
            } catch (IOException e) {
                out.append("(cannot read ").append(file).append(": ").append(e).append(')');
            }
        }
        return out.toString();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        }
    }

    /** Where unbound serves DNS-over-TLS. */
    public int dotPort() {
        return dotPort;
    }

    /** Where unbound serves DNS-over-HTTPS. */
    public int dohPort() {
        return dohPort;
    }

    /** Where unbound serves plain DNS (UDP and TCP), when started by {@link #startResolver(List, List)}. */
    public InetSocketAddress dnsAddress() {
        if (dnsPort < 0) {
            throw new IllegalStateException("this unbound serves DoT and DoH only");
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), dnsPort);
    }

    /** unbound's log so far (for a failing test's message). */
    public String logText() {
        return log();
    }

    /** Stops unbound (SIGTERM, then SIGKILL after 5 s) and deletes the temporary directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
