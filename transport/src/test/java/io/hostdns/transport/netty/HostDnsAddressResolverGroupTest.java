package io.hostdns.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Resolver;
import io.hostdns.core.hosts.HostsResolver;
import io.hostdns.core.hosts.StaticHosts;
import io.hostdns.core.search.SearchList;
import io.hostdns.core.search.SearchResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;

/** A real Reactor Netty HttpClient reaching a real HttpServer by a name only hostdns knows. */
class HostDnsAddressResolverGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicInteger upstreamQueries = new AtomicInteger();
    private LoopResources loops;
    private ConnectionProvider connections;
    private DisposableServer server;
    private HostDnsAddressResolverGroup group;

    @BeforeEach
    void start() throws UnknownHostException {
        loops = LoopResources.create("hostdns-http-test", 1, true);
        connections = ConnectionProvider.newConnection();
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .route(routes -> routes.get("/", (req, res) -> res.sendString(Mono.just("hello from app"))))
                .bindNow(WAIT);
        StaticHosts hosts = StaticHosts.builder()
                .add(Name.fromConstantString("app.hostdns.test."), List.of(InetAddress.getByName("127.0.0.1")))
                .build();
        // Everything else is NXDOMAIN, counted, so the test sees which names reached "DNS".
        Resolver upstream = q -> Mono.fromSupplier(() -> {
            upstreamQueries.incrementAndGet();
            return NettyTestAnswers.rcode(q, Rcode.NXDOMAIN);
        });
        group = new HostDnsAddressResolverGroup(new HostsResolver(hosts, upstream));
    }

    @AfterEach
    void stop() {
        group.close();
        server.disposeNow(WAIT);
        connections.disposeLater().block(WAIT);
        loops.disposeLater(Duration.ZERO, WAIT).block(WAIT);
    }

    private HttpClient client() {
        return HttpClient.create(connections).runOn(loops).resolver(group).responseTimeout(WAIT);
    }

    @Test
    void httpClient_fetchesByANameOnlyHostdnsKnows() {
        String url = "http://app.hostdns.test:" + server.port() + "/";
        StepVerifier.create(client().get().uri(url).responseContent().aggregate().asString())
                .expectNext("hello from app")
                .expectComplete().verify(WAIT);
        assertThat(upstreamQueries).hasValue(0);
    }

    @Test
    void httpClient_failsWithUnknownHostNamingTheHost_onNxdomain() {
        String url = "http://missing.hostdns.test:" + server.port() + "/";
        StepVerifier.create(client().get().uri(url).responseContent().aggregate().asString())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownHostException.class)
                        .hasMessageContaining("missing.hostdns.test"))
                .verify(WAIT);
        assertThat(upstreamQueries).hasValue(2);
    }

    @Test
    void httpClient_withSearchDomains_fetchesByAShortName() {
        StaticHosts hosts = StaticHosts.builder()
                .add(Name.fromConstantString("app.hostdns.test."), List.of(loopback()))
                .build();
        Resolver local = new HostsResolver(hosts, q -> Mono.just(NettyTestAnswers.rcode(q, Rcode.NXDOMAIN)));
        SearchResolver search = new SearchResolver(local, SearchList.of(List.of("other.test", "hostdns.test"), 1));
        try (HostDnsAddressResolverGroup searching = new HostDnsAddressResolverGroup(search, AddressPreference.IPV4_FIRST)) {
            String url = "http://app:" + server.port() + "/";
            StepVerifier.create(HttpClient.create(connections).runOn(loops).resolver(searching).responseTimeout(WAIT)
                            .get().uri(url).responseContent().aggregate().asString())
                    .expectNext("hello from app")
                    .expectComplete().verify(WAIT);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resolveAll_throughNettyAddressResolver_returnsHostdnsAddresses() throws Exception {
        var executor = loops.onClient(false).next();
        var resolver = group.getResolver(executor);
        var result = resolver.resolveAll(java.net.InetSocketAddress.createUnresolved("app.hostdns.test", 8080));
        assertThat(result.await(WAIT.toMillis())).isTrue();
        assertThat(result.getNow()).extracting(a -> a.getAddress().getHostAddress(), java.net.InetSocketAddress::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", 8080));
    }
}
