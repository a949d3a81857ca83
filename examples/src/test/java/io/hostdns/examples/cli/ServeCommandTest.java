package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;

class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(udp and tcp\\)");

    /** A {@code serve} running on another thread until {@link #stop()}. */
    private static final class RunningServe {
        final Sinks.Empty<Void> stopSignal = Sinks.empty();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> exit;

        RunningServe(String... args) {
            exit = CompletableFuture.supplyAsync(() -> HostDnsCli.execute(List.of(args), stopSignal.asMono(),
                    new PrintWriter(out, true), new PrintWriter(err, true)));
            Await.until(Duration.ofSeconds(20), "serve to start", () -> out.toString().contains("Ctrl-C to stop")
                    || exit.isDone());
            assertThat(exit).as("serve ended early: " + err).isNotDone();
        }

        int port() {
            Matcher m = LISTENING.matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            return Integer.parseInt(m.group(1));
        }

        int stop() throws Exception {
            stopSignal.tryEmitEmpty();
            return exit.get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void serveDemo_listensAnswersFromTheDemoZoneOverUdpAndTcp_andStopsCleanly() throws Exception {
        RunningServe serve = new RunningServe("serve", "--demo", "--listen", "127.0.0.1:0", "--metrics-listen", "");
        int port = serve.port();
        assertThat(serve.out.toString()).containsPattern("upstream #000 udp 127\\.0\\.0\\.1:\\d+ \\(demo zone demo\\.test\\.\\)")
                .contains("try: hostdns query @127.0.0.1:" + port + " www.demo.test");

        CliRun a = CliRun.run("query", "@127.0.0.1:" + port, "www.demo.test");
        CliRun nx = CliRun.run("query", "@127.0.0.1:" + port, "missing.demo.test");
        CliRun tcp = CliRun.run("query", "--tcp", "@127.0.0.1:" + port, "hello.demo.test", "TXT");

        assertThat(a.out()).as(a.err()).contains("status: NOERROR")
                .containsPattern("www\\.demo\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.10");
        assertThat(nx.out()).as(nx.err()).contains("status: NXDOMAIN").contains("SOA");
        assertThat(tcp.out()).as(tcp.err()).contains("(tcp)").contains("hello from the hostdns demo zone");

        assertThat(serve.stop()).isZero();
        assertThat(serve.out.toString()).endsWith("stopping...\nstopped\n");
        assertThat(serve.err.toString()).isEmpty();
    }

    @Test
    void serve_withUpstreamOption_forwardsToIt_andSaysSo() throws Exception {
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.99")))) {
            RunningServe serve = new RunningServe("serve", "--listen", "127.0.0.1:0", "--metrics-listen", "",
                    "--upstream", "127.0.0.1:" + upstream.port());
            assertThat(serve.out.toString()).contains("upstream #000 udp 127.0.0.1:" + upstream.port() + "\n");

            CliRun run = CliRun.run("query", "@127.0.0.1:" + serve.port(), "svc.example");

            assertThat(run.out()).as(run.err()).contains("192.0.2.99");
            assertThat(upstream.requests()).extracting(r -> r.name()).contains("svc.example.");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void serve_onAnAddressInUse_failsWithOneLineSayingSo() throws Exception {
        RunningServe first = new RunningServe("serve", "--demo", "--listen", "127.0.0.1:0", "--metrics-listen", "");
        int port = first.port();

        CliRun second = CliRun.run("serve", "--demo", "--listen", "127.0.0.1:" + port, "--metrics-listen", "");

        assertThat(second.exit()).isEqualTo(HostDnsCli.EXIT_FAILURE);
        assertThat(second.err()).isEqualTo("hostdns serve: error: cannot listen on [127.0.0.1:" + port
                + "]: address already in use (is another DNS server running there? choose another address with "
                + "--listen ADDR:PORT)\n");
        assertThat(first.stop()).isZero();
    }

    @Test
    void serve_withMetricsListen_servesTheEndpoints_whichUpstreamsServerReads() throws Exception {
        RunningServe serve = new RunningServe("serve", "--demo", "--listen", "127.0.0.1:0",
                "--metrics-listen", "127.0.0.1:0");
        Matcher http = Pattern.compile("http endpoints on http://127\\.0\\.0\\.1:(\\d+) \\(/metrics /health /ready "
                + "/upstreams\\)").matcher(serve.out.toString());
        assertThat(http.find()).as(serve.out.toString()).isTrue();

        CliRun upstreams = CliRun.run("upstreams", "--server", "127.0.0.1:" + http.group(1));

        assertThat(upstreams.exit()).as(upstreams.err()).isZero();
        assertThat(upstreams.out()).startsWith("UPSTREAM").containsPattern("#000 udp 127\\.0\\.0\\.1:\\d+\\s+default\\s+HEALTHY")
                .containsPattern("ready: (\\d+) of \\1 listener sockets running, 1 of 1 upstreams not DOWN")
                .contains("config given in code, applied ");
        assertThat(serve.stop()).isZero();
    }

    @Test
    void serve_metricsAddressInUse_failsWithOneLineNamingTheFieldAndTheOption() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.run("serve", "--demo", "--listen", "127.0.0.1:0", "--metrics-listen",
                    "127.0.0.1:" + taken.getLocalPort());

            assertThat(run.exit()).isEqualTo(HostDnsCli.EXIT_FAILURE);
            assertThat(run.err().lines()).singleElement().asString()
                    .startsWith("hostdns serve: error: hostDNS.metrics.listen 127.0.0.1:" + taken.getLocalPort()
                            + " cannot be bound").endsWith("; or give --metrics-listen ADDR:PORT");
        }
        CliRun bad = CliRun.run("serve", "--demo", "--metrics-listen", "metrics.local:9253");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("hostdns serve: --metrics-listen must be an IP address");
    }

    @Test
    void serveConfig_reloadsTheFileOnSighup_keepingTheCommandLinesOverrides(@TempDir Path dir) throws Exception {
        // a build started under nohup passes SIGHUP's "ignore" on to this JVM, which then never sees the signal
        assumeFalse(ReloadSignal.ignoredByProcess(), "SIGHUP is ignored by this test JVM (started under nohup?)");
        try (FakeDnsServer first = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.1")));
             FakeDnsServer second = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.2")))) {
            Path file = Files.writeString(dir.resolve("hostdns.yaml"), "hostDNS:\n  listen: [\"127.0.0.1:5399\"]\n"
                    + "  resolvers: [\"127.0.0.1:" + first.port() + "\"]\n");
            // the poll would not see the change for an hour: only SIGHUP can reload it
            RunningServe serve = new RunningServe("serve", "--config", file.toString(), "--listen", "127.0.0.1:0",
                    "--metrics-listen", "", "--reload-interval", "60m");
            String at = "@127.0.0.1:" + serve.port();
            assertThat(serve.out.toString()).contains("reloading " + file + " when it changes (checked every 3600000 ms)"
                    + " and on SIGHUP\nCtrl-C to stop");
            assertThat(CliRun.run("query", at, "svc.example").out()).contains("192.0.2.1");

            Files.writeString(file, "hostDNS:\n  listen: [\"127.0.0.1:5399\"]\n  resolvers: [\"127.0.0.1:"
                    + second.port() + "\"]\n");
            Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(ProcessHandle.current().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();

            // generous: it took the whole of 10 s once in a full build on a loaded machine (0.8 s otherwise)
            Await.until(Duration.ofSeconds(30), "the reload on SIGHUP",
                    () -> CliRun.run("query", at, "svc" + System.nanoTime() + ".example").out().contains("192.0.2.2"));
            assertThat(CliRun.run("query", at, "svc.example").out()).as("--listen kept: same port").contains("status: NOERROR");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void serveConfig_theDaemonsCommandLine_servesFromTheFile_andStops(@TempDir Path dir) throws Exception {
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.7")))) {
            Path file = Files.writeString(dir.resolve("hostdns.yaml"), "hostDNS:\n  listen: [\"127.0.0.1:0\"]\n"
                    + "  metrics: {listen: \"\"}\n  resolvers: [\"127.0.0.1:" + upstream.port() + "\"]\n");
            // as the systemd unit, the DaemonSet and the image run it: read by DaemonCommandLine, not picocli
            RunningServe serve = new RunningServe("serve", "--config", file.toString());

            CliRun query = CliRun.run("query", "@127.0.0.1:" + serve.port(), "svc.example");

            assertThat(query.out()).as(query.err()).contains("192.0.2.7");
            assertThat(serve.out.toString()).contains("reloading " + file + " when it changes (checked every 5000 ms)"
                    + " and on SIGHUP\nCtrl-C to stop");
            assertThat(serve.stop()).isZero();
            assertThat(serve.out.toString()).endsWith("stopping...\nstopped\n");
        }
    }

    @Test
    void selfTest_asksTheListenerTwice_aMissThenACacheHit_andStopsWithExit0() {
        CliRun run = CliRun.run("serve", "--demo", "--self-test", "--listen", "127.0.0.1:0");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("self-test www.demo.test. A (miss): NOERROR, 1 answer records")
                .contains("self-test www.demo.test. A (cache hit): NOERROR, 1 answer records")
                .contains("self-test passed").endsWith("stopped\n");
        assertThat(run.out()).as("its endpoints on a free port, never a running forwarder's 9253")
                .containsPattern("http endpoints on http://127\\.0\\.0\\.1:\\d+ ").doesNotContain(":9253 ");
    }

    @Test
    void selfTest_withoutDemo_isAUsageError() {
        CliRun run = CliRun.run("serve", "--self-test", "--upstream", "192.0.2.1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--self-test").contains("--demo");
    }

    @Test
    void serve_badArguments_exit2_withOneLine() {
        CliRun both = CliRun.run("serve", "--demo", "--upstream", "1.1.1.1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err().lines()).singleElement().asString().contains("--demo");

        CliRun badListen = CliRun.run("serve", "--listen", "localhost:53", "--upstream", "1.1.1.1");
        assertThat(badListen.exit()).isEqualTo(2);
        assertThat(badListen.err().lines()).singleElement().asString().startsWith("hostdns serve: --listen must be");

        CliRun loop = CliRun.run("serve", "--listen", "127.0.0.1:5399", "--upstream", "127.0.0.1:5399");
        assertThat(loop.exit()).isEqualTo(2);
        assertThat(loop.err()).contains("loop").doesNotContain("\tat ");
    }

    @Test
    void serve_threads_setsTheEventLoops_andOutOfRangeIsAUsageError() {
        CliRun one = CliRun.run("serve", "--demo", "--self-test", "--threads", "2", "--listen", "127.0.0.1:0");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("self-test passed");

        CliRun zero = CliRun.run("serve", "--demo", "--threads", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err().lines()).singleElement().asString().contains("--threads must be 1..64, was 0");
    }
}
