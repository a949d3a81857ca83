package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ISC {@code dig} as a real client, run as a process from the test thread (never an event loop) with a
 * timeout. Missing dig skips the test with a message, except in CI ({@code CI=true}), where it fails.
 */
final class Dig {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(10);

    private Dig() {
    }

    /** The dig binary on the PATH; skips (or in CI fails) the calling test when there is none. */
    static String require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "dig");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("dig is required in CI: install the Debian package bind9-dnsutils");
        }
        assumeTrue(false, "dig not installed (Debian package bind9-dnsutils): skipping the dig interop tests");
        throw new IllegalStateException("unreachable");
    }

    /** Runs {@code dig @server -p port args...}; fails on a non-zero exit or after the timeout. */
    static String run(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require(), "@" + server.getAddress().getHostAddress(),
                "-p", String.valueOf(server.getPort()), "+tries=1", "+time=3"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("dig did not finish within " + PROCESS_TIMEOUT + ": " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("dig exit code, output:%n%s", out).isZero();
        return out;
    }
}
