package io.hostdns.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The JDK resolver provider end to end: a JDK 25 process with the built classes on its class path (the
 * Java 18 part first, as a multi-release jar would serve it) resolves with plain {@code InetAddress}.
 * Runs in every {@code mvn test}; without the JDK it is skipped locally and fails in CI ({@code CI=true}).
 */
class JdkProviderOnNewerJdkTest {

    @TempDir
    Path dir;

    private static Path newerJava() {
        Path java = Path.of(System.getProperty("hostdns.jdk18plus.home", "/usr/lib/jvm/temurin-25-jdk-amd64"),
                "bin", "java");
        if (!Files.isExecutable(java)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI needs a JDK 18+ at " + java + " (set -Dhostdns.jdk18plus.home)");
            }
            assumeThat(Files.isExecutable(java)).as("JDK 18+ at " + java).isTrue();
        }
        return java;
    }

    /** The test class path with the compiled Java 18 classes first, as the multi-release jar serves them. */
    private static String classPath() {
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String entry : testPath.split(File.pathSeparator)) {
            Path versioned = Path.of(entry, "META-INF", "versions", "18");
            if (Files.isDirectory(versioned)) {
                entries.add(versioned.toString());
            }
        }
        assertThat(entries).as("compiled META-INF/versions/18 on the class path").isNotEmpty();
        entries.add(testPath);
        return String.join(File.pathSeparator, entries);
    }

    private List<String> probe(List<String> properties, String... hosts) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(newerJava().toString(), "-cp", classPath()));
        command.addAll(properties);
        command.add(JdkProviderProbe.class.getName());
        command.addAll(List.of(hosts));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("probe exited in time; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit value; output:%n%s", output).isZero();
        return output.lines().filter(line -> line.matches("^[a-z0-9.:-]+=.*")).toList();
    }

    @Test
    void inetAddressGetByName_onJdk25_resolvesAHostsFileNameThroughHostdns() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.42 app.hostdns.test\n::1 app.hostdns.test\n");
        List<String> lines = probe(List.of("-D" + JdkResolverSettings.HOSTS + "=" + hosts),
                "app.hostdns.test", "127.0.0.9");
        assertThat(lines).containsExactly("app.hostdns.test=127.0.0.42,0:0:0:0:0:0:0:1", "127.0.0.9=127.0.0.9");
    }

    @Test
    void inetAddressGetByName_onJdk25_asksTheUpstreamOverUdp_andNxdomainIsUnknownHost() throws Exception {
        try (FakeDnsServer upstream = FakeDnsServer.start(request -> {
            var question = request.message().getQuestion();
            if (!question.getName().toString().equals("upstream.hostdns.test.")) {
                return FakeReply.nxdomain();
            }
            return question.getType() == Type.A ? Responses.aFor("192.0.2.77") : FakeReply.rcode(0);
        })) {
            // Generous budgets: a cold JVM on a loaded shared CPU must not turn a loopback answer into a timeout.
            List<String> lines = probe(List.of("-D" + JdkResolverSettings.UPSTREAMS + "=udp://127.0.0.1:" + upstream.port(),
                            "-D" + JdkResolverSettings.TIMEOUT_MILLIS + "=30000",
                            "-D" + JdkResolverSettings.ATTEMPT_TIMEOUT_MILLIS + "=15000"),
                    "upstream.hostdns.test", "missing.hostdns.test");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("upstream.hostdns.test=192.0.2.77");
            assertThat(lines.get(1)).startsWith("missing.hostdns.test=UNKNOWN:").contains("missing.hostdns.test");
            assertThat(upstream.requests()).extracting(r -> Type.string(r.message().getQuestion().getType()))
                    .contains("A", "AAAA");
        }
    }
}
