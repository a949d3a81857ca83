package io.hostdns.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

class HttpClientThroughHostDnsExampleTest {

    @Test
    void httpClient_reachesAServerByANameOnlyHostDnsKnows() throws Exception {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.just("hello from " + request.requestHeaders().get("Host"))))
                .bindNow(Duration.ofSeconds(10));
        AtomicInteger upstreamCalls = new AtomicInteger();
        Resolver upstream = query -> Mono.defer(() -> {
            upstreamCalls.incrementAndGet();
            return Mono.error(new DnsNetworkException(null, "no upstream in this test", null));
        });
        try {
            HttpClient client = HttpClientThroughHostDnsExample.httpClient(
                    HttpClientThroughHostDnsExample.pipeline("app.hostdns.test", InetAddress.getByName("127.0.0.1"), upstream));

            StepVerifier.create(client.get().uri("http://app.hostdns.test:" + server.port() + "/")
                            .responseContent().aggregate().asString())
                    .assertNext(body -> assertThat(body).isEqualTo("hello from app.hostdns.test:" + server.port()))
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
            // Both families are answered locally (A, and NODATA for AAAA): nothing went upstream.
            assertThat(upstreamCalls).hasValue(0);

            StepVerifier.create(client.get().uri("http://unknown.hostdns.test:" + server.port() + "/")
                            .responseContent().aggregate().asString())
                    .expectErrorSatisfies(e -> assertThat(e).hasRootCauseInstanceOf(DnsNetworkException.class)
                            .satisfiesAnyOf(x -> assertThat(x).isInstanceOf(UnknownHostException.class),
                                    x -> assertThat(x).hasCauseInstanceOf(UnknownHostException.class)))
                    .verify(Duration.ofSeconds(10));
        } finally {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }
}
