package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.transport.DnsResources;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/** The forwarder's HTTP endpoints, scraped with a real HTTP client while it serves real DNS queries. */
class ForwarderEndpointsTest {

    private final AtomicBoolean blackHole = new AtomicBoolean();
    private FakeDnsServer upstream;
    private HostDnsForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private HostDnsConfig.Builder config(String metrics) {
        return HostDnsConfig.builder().listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port())
                .metrics(HostDnsConfig.Metrics.at(metrics));
    }

    private void start(HostDnsConfig config) {
        forwarder = HostDnsForwarder.builder(config).loopCheck(null).start().block(Duration.ofSeconds(10));
    }

    private void startUpstream() {
        upstream = FakeDnsServer.start(request -> blackHole.get() ? FakeReply.drop() : Responses.aFor("192.0.2.1"));
    }

    @Test
    void healthReadyAndUnknownPaths_answerAsProbesExpect() throws Exception {
        startUpstream();
        start(config("127.0.0.1:0").build());
        InetSocketAddress http = forwarder.httpAddress();

        HttpResponse<String> health = Http.get(http, "/health");
        HttpResponse<String> ready = Http.get(http, "/ready");
        HttpResponse<String> unknown = Http.get(http, "/nope");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK\n");
        assertThat(ready.statusCode()).isEqualTo(200);
        // one UDP socket per event loop and one TCP socket: how many depends on the loops, all of them running
        assertThat(ready.body()).containsPattern("^ready: (\\d+) of \\1 listener sockets running, 1 of 1 upstreams not DOWN");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/health", "/ready", "/upstreams", "/metrics");
    }

    @Test
    void metrics_scrapedAfterRealQueries_countRequestsResponsesCacheAndUpstreams_inPrometheusText() throws Exception {
        startUpstream();
        start(config("127.0.0.1:0").build());
        InetSocketAddress dns = forwarder.listenAddresses().get(0);
        Dns.ask(dns, "a.example", Type.A);
        Dns.ask(dns, "a.example", Type.A); // a cache hit
        Dns.ask(dns, "b.example", Type.AAAA, true);
        Dns.ask(dns, "c.example", Type.MX);

        HttpResponse<String> scrape = Http.get(forwarder.httpAddress(), "/metrics");
        Map<String, Double> samples = Http.samples(scrape.body());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type")).hasValue(ForwarderEndpoints.PROMETHEUS_TEXT);
        assertThat(scrape.body()).contains("# TYPE hostdns_dns_requests_total counter",
                "# TYPE hostdns_upstream_rtt_seconds histogram", "# TYPE hostdns_cache_size gauge");
        assertThat(Http.sum(samples, "hostdns_dns_requests_total", "proto=\"udp\"", "type=\"A\"")).isEqualTo(2);
        assertThat(Http.sum(samples, "hostdns_dns_requests_total", "proto=\"tcp\"", "type=\"AAAA\"")).isEqualTo(1);
        assertThat(Http.sum(samples, "hostdns_dns_requests_total", "proto=\"udp\"", "type=\"MX\"")).isEqualTo(1);
        assertThat(Http.sum(samples, "hostdns_dns_responses_total", "rcode=\"NOERROR\"")).isEqualTo(4);
        assertThat(Http.sum(samples, "hostdns_cache_hits_total")).isEqualTo(1);
        assertThat(Http.sum(samples, "hostdns_cache_misses_total")).isEqualTo(3);
        assertThat(Http.sum(samples, "hostdns_cache_size")).isEqualTo(3);
        String to = "upstream=\"127.0.0.1:" + upstream.port() + "\"";
        assertThat(Http.sum(samples, "hostdns_upstream_rtt_seconds_count", to)).isEqualTo(3);
        assertThat(Http.sum(samples, "hostdns_upstream_rtt_seconds_bucket", to, "le=\"+Inf\"")).isEqualTo(3);
        assertThat(Http.sum(samples, "hostdns_upstream_attempts_total", to, "outcome=\"ok\"")).isEqualTo(3);
        assertThat(Http.sum(samples, "hostdns_upstream_state", to, "route=\"default\"")).isZero();
        assertThat(Http.sum(samples, "hostdns_upstream_hedges_total", "result=\"fired\"")).isZero();
        assertThat(Http.sum(samples, "hostdns_dns_refused_acl_total")).isZero();
        assertThat(Http.sum(samples, "hostdns_config_last_reload_successful")).isEqualTo(1);
        assertThat(Http.sum(samples, "process_resident_memory_bytes")).isGreaterThan(1_000_000);
        String readme = Files.readString(Path.of("..", "README.md"));
        String operating = readme.substring(readme.indexOf("## Operating it"), readme.indexOf("## Troubleshooting"));
        Matcher documented = Pattern.compile("`(hostdns_[a-z_]+)`").matcher(operating);
        int checked = 0;
        while (documented.find()) {
            assertThat(scrape.body()).as("README documents " + documented.group(1)).contains(documented.group(1));
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void metrics_countCacheHitsAnsweredOnTheServersCacheHitPath_byTypeTransportAndRcode() throws Exception {
        startUpstream();
        start(config("127.0.0.1:0").build());
        InetSocketAddress dns = forwarder.listenAddresses().get(0);
        Dns.ask(dns, "hit.example", Type.A); // the miss; the rest are plain hits, which the server answers itself
        for (int i = 0; i < 3; i++) {
            Dns.ask(dns, "hit.example", Type.A);
            Dns.ask(dns, "hit.example", Type.A, true);
        }

        Map<String, Double> samples = Http.samples(Http.get(forwarder.httpAddress(), "/metrics").body());

        assertThat(upstream.requests()).hasSize(1);
        assertThat(Http.sum(samples, "hostdns_dns_requests_total", "proto=\"udp\"", "type=\"A\"")).isEqualTo(4);
        assertThat(Http.sum(samples, "hostdns_dns_requests_total", "proto=\"tcp\"", "type=\"A\"")).isEqualTo(3);
        assertThat(Http.sum(samples, "hostdns_dns_responses_total", "rcode=\"NOERROR\"")).isEqualTo(7);
        assertThat(Http.sum(samples, "hostdns_cache_hits_total")).isEqualTo(6);
        assertThat(Http.sum(samples, "hostdns_cache_misses_total")).isEqualTo(1);
    }

    @Test
    void ready_is503WithTheReason_whileEveryUpstreamIsDown_andUpstreamsJsonSaysWhich() throws Exception {
        startUpstream();
        start(config("127.0.0.1:0").timeouts(new HostDnsConfig.Timeouts(Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ZERO)).build());
        InetSocketAddress dns = forwarder.listenAddresses().get(0);
        blackHole.set(true);
        for (int i = 0; i < 10 && !forwarder.status().allUpstreams().get(0).state().name().equals("DOWN"); i++) {
            Dns.ask(dns, "gone" + i + ".example", Type.A);
        }
        Await.until(Duration.ofSeconds(5), "the upstream to be DOWN",
                () -> forwarder.status().allUpstreams().get(0).state().name().equals("DOWN"));

        HttpResponse<String> ready = Http.get(forwarder.httpAddress(), "/ready");
        HttpResponse<String> upstreams = Http.get(forwarder.httpAddress(), "/upstreams");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).startsWith("not ready: every upstream is DOWN [#000 udp 127.0.0.1:" + upstream.port());
        assertThat(upstreams.headers().firstValue("content-type")).hasValue("application/json");
        Map<?, ?> json = (Map<?, ?>) new Load(LoadSettings.builder().setSchema(new JsonSchema()).build())
                .loadFromString(upstreams.body());
        assertThat(json.get("ready")).isEqualTo(false);
        Map<?, ?> route = (Map<?, ?>) ((List<?>) json.get("routes")).get(0);
        assertThat(route.get("domain")).isNull();
        Map<?, ?> first = (Map<?, ?>) ((List<?>) route.get("upstreams")).get(0);
        assertThat(first.get("state")).isEqualTo("DOWN");
        assertThat(first.get("address")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(((Map<?, ?>) first.get("attempts")).get("timeout")).isInstanceOf(Integer.class)
                .satisfies(n -> assertThat((Integer) n).isGreaterThanOrEqualTo(3));
        assertThat((String) first.get("lastError")).contains("DnsTimeoutException");
        assertThat(((Map<?, ?>) json.get("config")).get("applied")).isEqualTo(1);
        List<Object> protocols = ((List<?>) json.get("listeners")).stream().map(l -> ((Map<?, ?>) l).get("protocol"))
                .map(Object.class::cast).toList();
        assertThat(protocols).contains("udp", "tcp").hasSize(forwarder.status().listeners().size());
    }

    @Test
    void reconfigure_movesTheEndpoints_orTurnsThemOff() throws Exception {
        startUpstream();
        start(config("127.0.0.1:0").build());
        InetSocketAddress first = forwarder.httpAddress();

        forwarder.reconfigure(forwarder.config().toBuilder().metrics(HostDnsConfig.Metrics.at("127.0.0.2:0")).build())
                .block(Duration.ofSeconds(10));
        InetSocketAddress second = forwarder.httpAddress();
        assertThat(second.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(Http.get(second, "/health").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.get(first, "/health")).isInstanceOf(java.io.IOException.class);

        forwarder.reconfigure(forwarder.config().toBuilder().metrics(HostDnsConfig.Metrics.off()).build())
                .block(Duration.ofSeconds(10));
        assertThat(forwarder.httpAddress()).isNull();
        assertThat(forwarder.status().config().applied()).isEqualTo(3);
    }

    @Test
    void aMoveWhoseChangeFails_keepsTheEndpointsWhereTheyWere_andClosesTheNewListener() throws Exception {
        startUpstream();
        start(config("").build());
        DnsResources resources = DnsResources.create("endpoints-test", 1);
        EndpointsListener listener = new EndpointsListener(
                new ForwarderEndpoints(forwarder::status, () -> false, ForwarderMetrics.NONE, resources));
        try {
            ListenAddress before = ListenAddress.parse("test", "127.0.0.1:0");
            listener.start(before).block(Duration.ofSeconds(5));
            InetSocketAddress first = listener.address();
            AtomicBoolean changeRan = new AtomicBoolean();
            // the new address gets its own port: a listener left bound there would answer /health
            int freePort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
                freePort = probe.getLocalPort();
            }
            ListenAddress after = ListenAddress.parse("test", "127.0.0.2:" + freePort);

            assertThatThrownBy(() -> listener.around(before, after, Mono.fromRunnable(() -> changeRan.set(true))
                    .then(Mono.error(new IllegalStateException("the DNS side failed"))))
                    .block(Duration.ofSeconds(5))).hasMessage("the DNS side failed");

            assertThat(changeRan).as("the change ran after the new listener was bound").isTrue();
            assertThat(listener.address()).isEqualTo(first);
            assertThat(Http.get(first, "/health").statusCode()).isEqualTo(200);
            // a listener closes asynchronously (DisposableServer.dispose)
            Await.until(Duration.ofSeconds(5), "the listener bound for the move is closed again",
                    () -> refused(new InetSocketAddress("127.0.0.2", freePort)));

            listener.close();
            assertThat(listener.address()).isNull();
            Await.until(Duration.ofSeconds(5), "the endpoints are closed", () -> refused(first));
        } finally {
            listener.close();
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    /**
     * True when nothing accepts connections at {@code address} any more: a new TCP connection, since the shared
     * HTTP client keeps earlier connections open, and closing a listener does not close those.
     */
    private static boolean refused(InetSocketAddress address) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(address, 1000);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void metrics_withoutMicrometersPrometheusRegistry_is503SayingWhatToAdd_whileTheOtherEndpointsServe() throws Exception {
        startUpstream();
        start(config("").build());
        DnsResources resources = DnsResources.create("endpoints-test", 1);
        DisposableServer server = new ForwarderEndpoints(forwarder::status, () -> false, ForwarderMetrics.NONE, resources)
                .bind(new InetSocketAddress("127.0.0.1", 0)).block(Duration.ofSeconds(5));
        try {
            InetSocketAddress http = (InetSocketAddress) server.address();
            HttpResponse<String> metrics = Http.get(http, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(503);
            assertThat(metrics.body()).isEqualTo(ForwarderMetrics.MISSING + "\n");
            assertThat(Http.get(http, "/ready").statusCode()).isEqualTo(200);
            assertThat(forwarder.httpAddress()).as("hostDNS.metrics.listen \"\": no endpoints").isNull();
        } finally {
            server.disposeNow(Duration.ofSeconds(5));
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void endpointAddressInUse_failsTheStart_namingTheField() throws Exception {
        startUpstream();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HostDnsConfig config = config("127.0.0.1:" + taken.getLocalPort()).build();
            assertThatThrownBy(() -> start(config))
                    .hasMessageContaining("hostDNS.metrics.listen 127.0.0.1:" + taken.getLocalPort() + " cannot be bound");
        }
        assertThat(Dns.ask(new InetSocketAddress("127.0.0.1", upstream.port()), "x.example", Type.A).getRcode())
                .as("the upstream itself is fine").isEqualTo(Rcode.NOERROR);
    }
}
