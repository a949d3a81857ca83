package io.hostdns.examples.cli;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Protocol;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryEncryptedTest {

    private static final String NAME = "dns.hostdns.test";

    // key generation is slow: one authority and server certificate for the class, a fresh identity per test
    private static final TestCertificates authority = TestCertificates.newAuthority("hostdns cli test CA");
    private static final X509Bundle serverCertificate = authority.issueServer(NAME);
    private final TlsServerIdentity identity = new TlsServerIdentity(serverCertificate);

    @TempDir
    Path dir;

    private Path caFile() throws IOException, CertificateEncodingException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(authority.rootCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("ca.pem"), pem);
    }

    @Test
    void queryTls_verifiesTheNamedServer_withTheGivenAuthority() throws Exception {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.80")))) {
            int port = fake.addTcpListener(Protocol.TLS, identity.dotLayer());

            CliRun run = CliRun.run("query", "--tls", "--tls-name", NAME, "--ca-file", caFile().toString(),
                    "@127.0.0.1:" + port, "svc.example");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("192.0.2.80").contains(";; SERVER: 127.0.0.1#" + port + "(tls)");
            assertThat(identity.serverNamesSeen()).containsExactly(NAME);
        }
    }

    @Test
    void queryHttps_asksTheDohEndpoint() throws Exception {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.81")));
             FakeDohServer doh = FakeDohServer.startFor(identity, fake)) {
            CliRun run = CliRun.run("query", "--https", "--tls-name", NAME, "--ca-file", caFile().toString(),
                    "@127.0.0.1:" + doh.port(), "svc.example");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("192.0.2.81")
                    .contains(";; SERVER: https://" + NAME + ":" + doh.port() + "/dns-query(https)");
            assertThat(doh.exchanges()).hasSize(1);
        }
    }

    @Test
    void queryTls_withAnUntrustedCertificate_failsWithOneLine() {
        try (FakeDnsServer fake = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.80")))) {
            int port = fake.addTcpListener(Protocol.TLS, identity.dotLayer());

            CliRun run = CliRun.run("query", "--tls", "--tls-name", NAME, "--timeout", "3s",
                    "@127.0.0.1:" + port, "svc.example");

            assertThat(run.exit()).isEqualTo(HostDnsCli.EXIT_FAILURE);
            assertThat(run.err().lines()).singleElement().asString().startsWith("hostdns query: error: ");
        }
    }

    @Test
    void caFile_thatIsMissing_isAUsageError() {
        CliRun run = CliRun.run("query", "--tls", "--ca-file", dir.resolve("none.pem").toString(), "@127.0.0.1",
                "svc.example");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--ca-file").contains("no such file");
    }
}
