package io.hostdns.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class TcpDnsClientFaultTest {

    private static DnsResources resources;

    @BeforeAll
    static void loops() {
        resources = DnsResources.create("tcp-fault-test", 1);
    }

    @AfterAll
    static void disposeLoops() {
        resources.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void refusedConnection_failsAtOnceWithNetworkError_notATimeout() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
        TcpDnsClient client = TcpDnsClientTest.builder(resources, closed).build();
        try {
            StepVerifier.create(client.resolve(Query.of("refused.example", Type.A)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DnsNetworkException.class)
                            .hasMessageContaining("refused")
                            .hasMessageContaining(closed.toString()))
                    .verify(Duration.ofSeconds(1));
            assertThat(client.pendingCount()).isZero();
        } finally {
            client.dispose();
        }
    }

    @Test
    void cancellation_freesTheSlotOnTheConnection() {
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()))) {
            TcpDnsClient client = TcpDnsClientTest.builder(resources, server.address()).build();
            try {
                Disposable inFlight = client.resolve(Query.of("slow.example", Type.A)).subscribe();
                assertThat(client.pendingCount()).isEqualTo(1);

                inFlight.dispose();

                assertThat(client.pendingCount()).isZero();
            } finally {
                client.dispose();
            }
        }
    }

    @Test
    void disposingTheClient_failsQueriesInFlight() {
        try (FakeDnsServer server = FakeDnsServer.start(FakeDnsHandler.always(FakeReply.drop()))) {
            TcpDnsClient client = TcpDnsClientTest.builder(resources, server.address()).build();
            StepVerifier.create(client.resolve(Query.of("pending.example", Type.A)))
                    .then(() -> {
                        assertThat(client.pendingCount()).isEqualTo(1);
                        client.dispose();
                    })
                    .expectError(DnsNetworkException.class)
                    .verify(Duration.ofSeconds(2));
        }
    }
}

