package io.hostdns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jlink runtime the build makes: only the modules the forwarder needs, and {@code bin/hostdns serve} from it
 * answers DNS and serves its endpoints. Prints its size and the serving process's resident memory.
 */
class JlinkRuntimeTest {

    /** What deploy/jlink/build-runtime.sh derives from jdeps, and java.security.sasl, which java.naming requires. */
    private static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.security.sasl", "jdk.crypto.ec", "jdk.management", "jdk.unsupported");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern HTTP = Pattern.compile("http endpoints on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void runtime_holdsOnlyTheModulesTheForwarderNeeds() throws Exception {
        Path runtime = Processes.runtime();
        Processes.Result modules = Processes.run(Duration.ofSeconds(30),
                List.of(runtime.resolve("bin/java").toString(), "--list-modules"));

        assertThat(modules.output().lines().map(line -> line.replaceAll("@.*", "")).toList())
                .containsExactlyInAnyOrderElementsOf(MODULES);
        long bytes;
        try (Stream<Path> files = Files.walk(runtime)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("jlink runtime %s: %.1f MB (the CLI jar %.1f MB of it)%n", runtime, bytes / 1e6,
                Files.size(runtime.resolve("lib/hostdns/hostdns.jar")) / 1e6);
        assertThat(bytes).isLessThan(100_000_000);
    }

    @Test
    void serveFromTheRuntime_answersQueries_servesItsEndpoints_andStopsOnSigterm() throws Exception {
        Path runtime = Processes.runtime();
        Process serve = new ProcessBuilder(runtime.resolve("bin/hostdns").toString(), "serve", "--demo",
                "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0").redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output stream ended: " + e + ")");
            }
        }, "serve-output");
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!output.contains("Ctrl-C to stop") && serve.isAlive() && System.nanoTime() < deadline) {
                serve.waitFor(50, TimeUnit.MILLISECONDS); // bounded: returns when it exits, else after 50 ms
            }
            assertThat(output).as("serve started from the runtime").contains("Ctrl-C to stop");
            int dnsPort = port(output, LISTENING);
            int httpPort = port(output, HTTP);

            String dig = Processes.require("dig", "bind9-dnsutils");
            Processes.Result answer = Processes.run(Duration.ofSeconds(20), List.of(dig, "@127.0.0.1", "-p",
                    String.valueOf(dnsPort), "www.demo.test", "A", "+short", "+time=3", "+tries=2"));
            assertThat(answer.output().strip()).as("dig's answer").isEqualTo("192.0.2.10");
            assertThat(get(httpPort, "/ready")).startsWith("200 ready: ");
            assertThat(get(httpPort, "/metrics")).startsWith("200 ").contains("hostdns_dns_requests_total");

            long rss = residentBytes(serve.pid());
            System.out.printf("serve --demo from the jlink runtime: resident %.1f MB after start and a few queries%n",
                    rss / 1e6);
            assertThat(rss).isBetween(10_000_000L, 400_000_000L);
        } finally {
            // SIGTERM by kill(1), not Process.destroy(), which also closes the output this test still reads
            Processes.run(Duration.ofSeconds(10), List.of("kill", "-TERM", String.valueOf(serve.pid())));
            boolean exited = serve.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                serve.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(exited).as("serve stopped within 30 s of SIGTERM").isTrue();
        }
        assertThat(output).as(String.join("\n", output)).contains("stopped");
    }

    private static int port(List<String> output, Pattern pattern) {
        for (String line : output) {
            Matcher m = pattern.matcher(line + " ");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no " + pattern + " in\n" + String.join("\n", output));
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        try {
            int code = connection.getResponseCode();
            return code + " " + new String((code < 400 ? connection.getInputStream() : connection.getErrorStream())
                    .readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS for process " + pid);
    }
}
