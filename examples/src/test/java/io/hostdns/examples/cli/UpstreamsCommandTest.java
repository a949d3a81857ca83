package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
