package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.forwarder.config.HostDnsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The bound-address half of loop detection, without sockets. */
class LoopChecksTest {

    private static HostDnsConfig upstreams(String... specs) {
        return HostDnsConfig.builder().listen("127.0.0.1:0").resolvers(specs)
                .route(Dns.name("corp.example."), "tcp://10.0.0.1:5300").build();
    }

    @Test
    void upstreamOnABoundAddressAndPort_isRefused_namingIt() {
        StepVerifier.create(LoopChecks.refuseOwnAddresses(upstreams("1.1.1.1", "127.0.0.1:5353"),
                        List.of(new InetSocketAddress("127.0.0.1", 5353))))
                .expectErrorSatisfies(e -> assertThat(((HostDnsForwarder.LoopException) e).upstreams()).singleElement()
                        .satisfies(id -> assertThat(id.index()).isEqualTo(1)))
                .verify(Duration.ofSeconds(1));
    }

    @Test
    void wildcardListener_coversLoopbackUpstreams_onItsPort_andRoutesAreChecked() {
        List<InetSocketAddress> wildcard = List.of(new InetSocketAddress("0.0.0.0", 5300));

        StepVerifier.create(LoopChecks.refuseOwnAddresses(upstreams("127.0.0.2:5300"), wildcard))
                .expectError(HostDnsForwarder.LoopException.class).verify(Duration.ofSeconds(1));
        StepVerifier.create(LoopChecks.refuseOwnAddresses(upstreams("1.1.1.1"),
                        List.of(new InetSocketAddress("10.0.0.1", 5300))))
                .expectError(HostDnsForwarder.LoopException.class).verify(Duration.ofSeconds(1));
    }

    @Test
    void otherPortsAndAddresses_andDohUpstreams_pass() {
        StepVerifier.create(LoopChecks.refuseOwnAddresses(
                        upstreams("127.0.0.1:5354", "https://127.0.0.1:5353/dns-query", "tls://127.0.0.1:5353"),
                        List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("127.0.0.2", 853))))
                .expectError(HostDnsForwarder.LoopException.class).verify(Duration.ofSeconds(1)); // tls on 5353 is ours
        StepVerifier.create(LoopChecks.refuseOwnAddresses(upstreams("127.0.0.1:5354", "https://127.0.0.1:5353/dns-query"),
                        List.of(new InetSocketAddress("127.0.0.1", 5353))))
                .verifyComplete();
    }
}
