package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryCommandTest {

    private static CliRun.DemoUpstream demo;

    @BeforeAll
    static void startDemo() {
        demo = CliRun.DemoUpstream.start();
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Test
    void query_printsDigLikeOutput_forAnAnswerFromAFakeServer() {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.77")))) {
            CliRun run = CliRun.run("query", "@127.0.0.1:" + fake.port(), "svc.example", "A");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: " + fake.requests().get(0).id())
                    .contains(";; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1")
                    .contains(";; QUESTION SECTION:\n;svc.example.\t\t\tIN\tA")
                    .containsPattern(";; ANSWER SECTION:\nsvc\\.example\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.77")
                    .containsPattern(";; Query time: \\d+ msec")
                    .contains(";; SERVER: 127.0.0.1#" + fake.port() + "(udp)");
            assertThat(fake.requests()).extracting(r -> r.protocol()).containsExactly(Protocol.UDP);
        }
    }

    @Test
    void query_againstTheDemoZone_answersA() {
        CliRun run = CliRun.run("query", demo.at(), "www.demo.test");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("status: NOERROR").contains("flags: qr aa rd")
                .containsPattern("www\\.demo\\.test\\.\\s+300\\s+IN\\s+A\\s+192\\.0\\.2\\.10");
    }

    @Test
    void query_forAMissingName_showsNxdomainAndTheSoa() {
        CliRun run = CliRun.run("query", demo.at(), "nope.demo.test", "AAAA");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("status: NXDOMAIN").contains(";; AUTHORITY SECTION:")
                .containsPattern("demo\\.test\\.\\s+30\\s+IN\\s+SOA\\s+ns1\\.demo\\.test\\.")
                .doesNotContain(";; ANSWER SECTION:");
    }

    @Test
    void query_withTcp_asksOverTcp() {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.78")))) {
            CliRun run = CliRun.run("query", "--tcp", "@127.0.0.1:" + fake.port(), "svc.example");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("(tcp)").contains("192.0.2.78");
            assertThat(fake.requests()).extracting(r -> r.protocol()).containsExactly(Protocol.TCP);
        }
        CliRun demoTcp = CliRun.run("query", demo.at(), "api.demo.test", "--tcp");
        assertThat(demoTcp.out()).contains("CNAME").contains("192.0.2.10").contains("(tcp)");
    }

    @Test
    void query_thatTimesOut_failsWithOneLineAndExit1() {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()))) {
            CliRun run = CliRun.run("query", "@127.0.0.1:" + fake.port(), "svc.example", "--timeout", "300ms");

            assertThat(run.exit()).isEqualTo(HostDnsCli.EXIT_FAILURE);
            assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("hostdns query: error: ");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void badArguments_exit2_withOneLine() {
        CliRun unknownOption = CliRun.run("query", "--bogus", "www.demo.test");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err().lines()).hasSize(1).first().asString().contains("--bogus");

        CliRun badType = CliRun.run("query", demo.at(), "www.demo.test", "NOTATYPE");
        assertThat(badType.exit()).isEqualTo(2);
        assertThat(badType.err()).isEqualTo("hostdns query: unknown record type 'NOTATYPE' (e.g. A, AAAA, MX, TXT, NS)\n");

        CliRun badServer = CliRun.run("query", "@not-an-ip", "www.demo.test");
        assertThat(badServer.exit()).isEqualTo(2);
        assertThat(badServer.err().lines()).hasSize(1).first().asString().contains("@not-an-ip is not a server address");

        CliRun twoTransports = CliRun.run("query", "--tcp", "--tls", demo.at(), "www.demo.test");
        assertThat(twoTransports.exit()).isEqualTo(2);
        assertThat(twoTransports.err().lines()).hasSize(1);

        CliRun traceWithoutConfig = CliRun.run("query", "--trace", demo.at(), "www.demo.test");
        assertThat(traceWithoutConfig.exit()).isEqualTo(2);
        assertThat(traceWithoutConfig.err()).contains("--config");
    }

    @Test
    void verbose_addsTheStackTrace() {
        CliRun run = CliRun.run("query", "--verbose", "@not-an-ip", "www.demo.test");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }
}
