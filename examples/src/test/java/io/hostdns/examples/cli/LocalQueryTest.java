package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalQueryTest {

    @TempDir
    Path dir;

    private Path config(int upstreamPort) throws IOException {
        return Files.writeString(dir.resolve("hostdns.yaml"), """
                hostDNS:
                  listen: ["127.0.0.1:5353"]
                  resolvers: ["127.0.0.1:%d"]
                  staticHosts: {"printer.lan.": "192.0.2.150"}
                """.formatted(upstreamPort));
    }

    @Test
    void queryConfigTrace_showsTheStagesAndTheUpstreamAttempt() throws IOException {
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.33")))) {
            CliRun run = CliRun.run("query", "--config", config(upstream.port()).toString(), "--trace", "svc.example");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(";; PIPELINE (7 stages):\n;;  1. chaos: CHAOS class answered here, never forwarded")
                    .contains(";;  2. loop-probe: ")
                    .contains(";;  4. cache: maxEntries 10000, TTL 5-3600 s")
                    .contains(";;  7. routes: default=[#000 udp 127.0.0.1:" + upstream.port() + "]")
                    .contains(";;     sanitizer: ")
                    .containsPattern(";; TRACE \\(\\d+ steps\\):")
                    .contains("hosts: passed on")
                    .contains("cache: miss (passed on)")
                    .containsPattern(";;  \\d+\\. upstream #000 udp 127\\.0\\.0\\.1:" + upstream.port()
                            + ": NOERROR in \\d+\\.\\d ms")
                    .contains("status: NOERROR")
                    .contains("192.0.2.33")
                    .contains(";; SERVER: local pipeline, answered by upstream #000 udp 127.0.0.1:" + upstream.port());
        }
    }

    @Test
    void queryConfig_answersStaticHostsLocally_withoutAskingTheUpstream() throws IOException {
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.33")))) {
            CliRun run = CliRun.run("query", "-c", config(upstream.port()).toString(), "--trace", "printer.lan");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("hosts: answered").contains("192.0.2.150")
                    .contains("answered by hosts").doesNotContain("upstream #000");
            assertThat(upstream.requests()).noneMatch(r -> r.name().equals("printer.lan."));
        }
    }

    @Test
    void queryConfigTrace_printsTheTrace_evenWhenTheUpstreamFails() throws IOException {
        try (FakeDnsServer upstream = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()))) {
            CliRun run = CliRun.run("query", "--config", config(upstream.port()).toString(), "--trace",
                    "--timeout", "8s", "svc.example");

            assertThat(run.out()).contains("cache: miss").contains("upstream #000 udp 127.0.0.1:" + upstream.port());
            assertThat(run.err().lines()).singleElement().asString().startsWith("hostdns query: error: ");
        }
    }

    @Test
    void queryConfigTrace_withDnssec_showsTheValidatingStage_andItsVerdict() throws IOException {
        io.hostdns.transport.testing.NsdServer.requireBinary();
        io.hostdns.transport.testing.SignedTestZones tree = io.hostdns.transport.testing.SignedTestZones.create();
        Path anchor = Files.writeString(dir.resolve("signed.test.ds"), tree.trustAnchor() + "\n");
        try (io.hostdns.transport.testing.NsdServer nsd = io.hostdns.transport.testing.NsdServer.start(tree.zones())) {
            Path file = Files.writeString(dir.resolve("dnssec.yaml"), """
                    hostDNS:
                      listen: ["127.0.0.1:5353"]
                      resolvers: ["127.0.0.1:%d"]
                      dnssec: {validate: true, trustAnchors: ["%s"]}
                    """.formatted(nsd.address().getPort(), anchor));

            CliRun secure = CliRun.run("query", "--config", file.toString(), "--trace", "--dnssec", "www.signed.test");
            CliRun bogus = CliRun.run("query", "--config", file.toString(), "--trace", "tampered.signed.test");
            CliRun unchecked = CliRun.run("query", "--config", file.toString(), "--cd", "tampered.signed.test");

            assertThat(secure.exit()).as(secure.err()).isZero();
            assertThat(secure.out())
                    .contains(";; PIPELINE (8 stages):")
                    .contains(";;  6. dnssec: validates with DO=1 CD=1 upstream")
                    .contains("dnssec: passed on")
                    .contains("dnssec: secure (AD=1) (answered)")
                    .containsPattern(";; flags: [a-z ]* ad")
                    .contains("RRSIG");
            assertThat(bogus.out()).contains("status: SERVFAIL").contains("dnssec: SERVFAIL, EDE 6");
            assertThat(unchecked.out()).contains("status: NOERROR").contains("192.0.2.4");
        }
    }

    @Test
    void queryConfig_withServerOrTransport_isAUsageError() throws IOException {
        Path file = config(53);
        CliRun withServer = CliRun.run("query", "--config", file.toString(), "@127.0.0.1", "svc.example");
        assertThat(withServer.exit()).isEqualTo(2);
        assertThat(withServer.err()).contains("either @SERVER or --config");

        CliRun withTcp = CliRun.run("query", "--config", file.toString(), "--tcp", "svc.example");
        assertThat(withTcp.exit()).isEqualTo(2);
    }
}
