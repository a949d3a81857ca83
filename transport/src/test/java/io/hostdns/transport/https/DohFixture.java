package io.hostdns.transport.https;

import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.DohHandler;
import io.hostdns.transport.testing.FakeDohServer;
import io.hostdns.transport.testing.TestCertificates;
import io.hostdns.transport.testing.TlsServerIdentity;
import io.hostdns.transport.tls.TlsTrust;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Section;

/**
 * What DoH tests share: a test CA, a server certificate for {@link #HOST} (a name that does not
 * resolve, so only the bootstrap address can reach it), event loops, and the servers and resolvers a
 * test started, closed by {@link #close()}. Certificates and TLS contexts are made on the test thread.
 */
final class DohFixture implements AutoCloseable {

    static final String HOST = "dns.hostdns.test";
    /** How long a test waits for an outcome: generous, the CPU is shared with other builds. */
    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
    static final InetAddress LOOPBACK = loopback();
    static final InetAddress ANSWER_ADDRESS = address(192, 0, 2, 1);

    final TestCertificates authority = TestCertificates.newAuthority("hostdns DoH test CA");
    final TlsServerIdentity identity = new TlsServerIdentity(authority.issueServer(HOST));
    final DnsResources resources = DnsResources.create("doh-test", 1);
    private final List<Runnable> opened = new ArrayList<>();

    /** A handler answering every A query with {@link #ANSWER_ADDRESS}. */
    static DohHandler answeringA() {
        return DohHandler.answering(response -> {
            response.addRecord(new ARecord(response.getQuestion().getName(), DClass.IN, 60, ANSWER_ADDRESS),
                    Section.ANSWER);
            return response;
        });
    }

    FakeDohServer server(DohHandler handler) {
        FakeDohServer server = FakeDohServer.start(identity, handler);
        opened.add(server::close);
        return server;
    }

    /** A builder for {@code https://HOST:port/dns-query}, bootstrapped to 127.0.0.1, trusting the test CA. */
    DohResolver.Builder builder(int port) {
        return DohResolver.builder("https://" + HOST + ":" + port + "/dns-query")
                .bootstrap(LOOPBACK)
                .trust(TlsTrust.certificates(authority.rootCertificate()))
                .timeout(Duration.ofSeconds(5))
                .resources(resources);
    }

    DohResolver resolver(DohResolver.Builder builder) {
        DohResolver resolver = builder.build();
        opened.add(() -> resolver.disposeLater().block(Duration.ofSeconds(5)));
        return resolver;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).run();
        }
        resources.disposeLater().block(Duration.ofSeconds(10));
    }

    private static InetAddress loopback() {
        return address(127, 0, 0, 1);
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
