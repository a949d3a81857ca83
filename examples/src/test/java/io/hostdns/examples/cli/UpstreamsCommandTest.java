package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.forwarder.HostDnsForwarder;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

class UpstreamsCommandTest {

    @TempDir
    Path dir;

    @Test
    void upstreams_asksEachOnce_andTabulatesStateRttFailuresAndLastError() throws IOException {
        try (FakeDnsServer good = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.1")));
             FakeDnsServer silent = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()));
             FakeDnsServer failing = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.servfail()))) {
            Path file = Files.writeString(dir.resolve("hostdns.yaml"), """
                    hostDNS:
                      listen: ["127.0.0.1:5353"]
                      resolvers: ["127.0.0.1:%d", "tcp://127.0.0.1:%d"]
                      routes: {"corp.example.": ["127.0.0.1:%d"]}
                    """.formatted(good.port(), silent.port(), failing.port()));

            CliRun run = CliRun.run("upstreams", "--config", file.toString(), "--timeout", "1s");

            assertThat(run.exit()).as(run.err()).isZero();
            String[] lines = run.out().split("\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0]).startsWith("UPSTREAM").contains("SCOPE", "STATE", "RTT AVG/P95", "OK", "FAILURES",
                    "LAST ERROR");
            assertThat(lines[1]).startsWith("#000 udp 127.0.0.1:" + good.port()).contains("default", "HEALTHY")
                    .containsPattern("\\d+(\\.\\d)?ms/\\d+(\\.\\d)?ms\\s+1\\s+-\\s+-$");
            assertThat(lines[2]).startsWith("#001 tcp 127.0.0.1:" + silent.port()).contains("DEGRADED", "timeout:1")
                    .containsPattern("\\(at \\d\\d:\\d\\d:\\d\\dZ, \\d+s ago\\)");
            // a SERVFAIL is counted by kind; it is an answer, so it leaves no last error
            assertThat(lines[3]).startsWith("#002 udp 127.0.0.1:" + failing.port())
                    .contains("corp.example.", "servfail:1").endsWith("  -");
            assertThat(good.requests()).hasSize(1);
            assertThat(good.requests().get(0).name()).isEqualTo(".");
        }
    }

    @Test
    void server_readsARunningForwardersView_andWatchPrintsItsStateChanges() throws Exception {
        AtomicBoolean blackHole = new AtomicBoolean();
        try (FakeDnsServer upstream = FakeDnsServer.start(request -> blackHole.get() ? FakeReply.drop()
                : aFor("192.0.2.1"))) {
            HostDnsConfig config = HostDnsConfig.builder().listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port())
                    .timeouts(new HostDnsConfig.Timeouts(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ZERO))
                    .metrics(HostDnsConfig.Metrics.at("127.0.0.1:0")).build();
            HostDnsForwarder forwarder = HostDnsForwarder.builder(config).loopCheck(null).start()
                    .block(Duration.ofSeconds(10));
            try {
                String http = "127.0.0.1:" + forwarder.httpAddress().getPort();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> HostDnsCli.newCommandLine(
                        Mono.never(), new PrintWriter(out, true), new PrintWriter(err, true)).execute("upstreams",
                        "--server", http, "--watch", "--interval", "100ms", "--changes", "1", "--for", "10s"));
                Await.until(Duration.ofSeconds(10), "the first table", () -> out.toString().contains("watching "));
                assertThat(out.toString()).startsWith("UPSTREAM").contains("HEALTHY", "ready: ");

                blackHole.set(true);
                SimpleResolver client = new SimpleResolver(forwarder.listenAddresses().get(0));
                client.setTimeout(Duration.ofSeconds(2));
                client.send(Message.newQuery(Record.newRecord(Name.fromString("gone.example."), Type.A, DClass.IN)));

                assertThat(watch.get(15, TimeUnit.SECONDS)).as(err.toString()).isZero();
                assertThat(out.toString().lines().reduce((first, second) -> second).orElseThrow())
                        .matches("\\d\\d:\\d\\d:\\d\\d  #000 udp 127\\.0\\.0\\.1:\\d+  default  DEGRADED.*timeout:1.*");
            } finally {
                forwarder.shutdown(Duration.ZERO).block(Duration.ofSeconds(10));
            }
        }
        CliRun refused = CliRun.run("upstreams", "--server", "127.0.0.1:1", "--timeout", "1s");
        assertThat(refused.exit()).isEqualTo(HostDnsCli.EXIT_FAILURE);
        assertThat(refused.err()).startsWith("hostdns upstreams: error: cannot read http://127.0.0.1:1/upstreams");
        assertThat(CliRun.run("upstreams", "--server", "127.0.0.1:9253", "--upstream", "1.1.1.1").exit()).isEqualTo(2);
    }

    @Test
    void watch_printsAStateChange_andStopsAfterTheAskedNumberOfChanges() {
        AtomicInteger asked = new AtomicInteger();
        // answers the first question only: the watch rounds then time out and the upstream degrades
        FakeDnsHandler firstOnly = request -> asked.getAndIncrement() == 0 ? aFor("192.0.2.1") : FakeReply.drop();
        try (FakeDnsServer flaky = FakeDnsServer.start(firstOnly)) {
            CliRun run = CliRun.run("upstreams", "--upstream", "127.0.0.1:" + flaky.port(), "--timeout", "200ms",
                    "--watch", "--interval", "100ms", "--changes", "1", "--for", "5s");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("HEALTHY").contains("watching: each upstream asked every 100 ms");
            assertThat(run.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  #000 udp .*")))
                    .singleElement().asString().contains("DEGRADED", "timeout:1");
        }
    }

    @Test
    void watch_forADuration_endsWithoutChanges() {
        try (FakeDnsServer good = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.1")))) {
            CliRun run = CliRun.run("upstreams", "-u", "127.0.0.1:" + good.port(), "--watch", "--interval", "100ms",
                    "--for", "400ms");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(good.requests().size()).isBetween(2, 6);
        }
    }

    @Test
    void badUpstreamSpec_exits2_namingTheOption() {
        CliRun run = CliRun.run("upstreams", "--upstream", "ftp://1.1.1.1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("hostdns upstreams: --upstream: invalid upstream 'ftp://1.1.1.1': unknown scheme 'ftp'");
    }
}
