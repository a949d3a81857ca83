package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hostdns.core.DnsTimeoutException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The server against a real peer: ISC {@code dig} (Debian bind9-dnsutils), run on the test thread with a
 * timeout. Where dig is missing the tests are skipped, except in CI ({@code CI=true}), where they fail.
 */
class DigInteropTest {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(10);
    private static String dig = "dig";

    @BeforeAll
    static void findDig() {
        requireDig();
    }

    /** Finds dig on the PATH; skips the calling test class where it is missing, fails in CI. */
    static void requireDig() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "dig");
            if (candidate.canExecute()) {
                dig = candidate.getPath();
                return;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("dig is required in CI: install the Debian package bind9-dnsutils");
        }
        assumeTrue(false, "dig not installed (Debian package bind9-dnsutils): skipping the dig interop tests");
    }

    @Test
    void dig_resolvesA() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.10")))) {
            String out = dig(f, "www.Example.com", "A", "+tries=1", "+time=2");

            assertThat(out).contains("status: NOERROR").contains("ANSWER: 1")
                    .containsPattern("www\\.Example\\.com\\.\\s+300\\s+IN\\s+A\\s+192\\.0\\.2\\.10");
        }
    }

    @Test
    void dig_retriesOverTcp_whenAnswerDoesNotFitItsUdpBuffer() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.largeTxt(q, 10)))) {
            String out = dig(f, "big.example", "TXT", "+bufsize=512", "+tries=1", "+time=2");

            assertThat(out).contains("Truncated, retrying in TCP mode").contains("status: NOERROR").contains("ANSWER: 10");
            assertThat(f.server.counters().truncated()).isEqualTo(1);
            assertThat(f.server.counters().tcpQueries()).isEqualTo(1);
        }
    }

    @Test
    void dig_showsServfailWithExtendedError22_whenPipelineTimesOut() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.error(new DnsTimeoutException(null, Duration.ofMillis(4500))))) {
            String out = dig(f, "slow.example", "A", "+tries=1", "+time=2");

            assertThat(out).contains("status: SERVFAIL").contains("EDE: 22 (No Reachable Authority)");
        }
    }

    @Test
    void dig_getsBadvers_forEdnsVersion1() throws Exception {
        try (ServerFixture f = ServerFixture.start(q -> Mono.just(Answers.a(q, "192.0.2.10")))) {
            String out = dig(f, "www.example.com", "A", "+edns=1", "+noednsneg", "+tries=1", "+time=2");

            assertThat(out).contains("status: BADVERS");
        }
    }

    private static String dig(ServerFixture f, String... args) throws IOException, InterruptedException {
        return dig(f.udp(), args);
    }

    /** Runs dig against {@code server} with {@code args}; fails on a non-zero exit or after the timeout. */
    static String dig(java.net.InetSocketAddress server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dig, "@" + server.getAddress().getHostAddress(),
                "-p", String.valueOf(server.getPort())));
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
