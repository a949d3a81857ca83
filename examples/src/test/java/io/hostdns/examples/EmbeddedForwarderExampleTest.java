package io.hostdns.examples;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.testing.FakeDnsHandler;
import io.hostdns.transport.testing.FakeDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.test.StepVerifier;

class EmbeddedForwarderExampleTest {

    private static final Query QUESTION = Query.of("svc.example", Type.A);

    private static String address(Answer answer) {
        return answer.message().getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void forwarder_answersInProcessAndOnItsSocket_andSwitchesUpstreamsLive() {
        DnsResources client = DnsResources.create("example-client", 1);
        try (FakeDnsServer first = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.1")));
             FakeDnsServer second = FakeDnsServer.start(FakeDnsHandler.always(aFor("192.0.2.2")));
             EmbeddedForwarderExample service = EmbeddedForwarderExample.start(
                     new InetSocketAddress("127.0.0.1", 0), "127.0.0.1:" + first.port()).block(Duration.ofSeconds(20))) {
            InetSocketAddress listening = service.listenAddresses().get(0);
            Resolver overSocket = UpstreamFactory.create(client)
                    .create(0, "udp://127.0.0.1:" + listening.getPort()).resolver();

            StepVerifier.create(service.resolver().resolve(QUESTION))
                    .assertNext(a -> {
                        assertThat(address(a)).isEqualTo("192.0.2.1");
                        assertThat(a.source().kind()).isEqualTo(AnswerSource.Kind.UPSTREAM);
                    })
                    .verifyComplete();
            StepVerifier.create(overSocket.resolve(QUESTION))
                    .assertNext(a -> assertThat(address(a)).isEqualTo("192.0.2.1"))
                    .verifyComplete();

            StepVerifier.create(service.switchUpstreams("127.0.0.1:" + second.port())).verifyComplete();

            assertThat(service.upstreams()).containsExactly("udp://127.0.0.1:" + second.port());
            StepVerifier.create(service.resolver().resolve(QUESTION))
                    .assertNext(a -> assertThat(address(a)).as("cache flushed on upstream change").isEqualTo("192.0.2.2"))
                    .verifyComplete();
            StepVerifier.create(overSocket.resolve(QUESTION))
                    .assertNext(a -> assertThat(address(a)).isEqualTo("192.0.2.2"))
                    .verifyComplete();
            // the socket query before the switch was answered from the cache; the forwarder's start-up loop
            // probe is the only other request the first upstream saw
            assertThat(first.requests()).filteredOn(r -> r.name().equals("svc.example.")).hasSize(1);
        } finally {
            client.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
