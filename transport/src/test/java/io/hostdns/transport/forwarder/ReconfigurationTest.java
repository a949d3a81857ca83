package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Protocol;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.Responses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Live reconfiguration: upstream swaps under load, cache flushing, listener diffs, refused configurations. */
class ReconfigurationTest {

    private FakeDnsServer first;
    private FakeDnsServer second;
    private HostDnsForwarder forwarder;

    @BeforeEach
    void startUpstreams() {
        first = FakeDnsServer.start(request -> request.name().startsWith("slow")
                ? io.hostdns.transport.testing.FakeReply.delay(Duration.ofMillis(300), Responses.aFor("192.0.2.1"))
                : Responses.aFor("192.0.2.1"));
        second = FakeDnsServer.start(request -> Responses.aFor("192.0.2.2"));
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        first.close();
        second.close();
    }

    private static HostDnsConfig.Builder config(FakeDnsServer upstream, String... listen) {
        return HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen(listen.length == 0 ? new String[] {"127.0.0.1:0"} : listen)
                .resolvers("127.0.0.1:" + upstream.port());
    }

    private void start(HostDnsConfig config) {
        forwarder = HostDnsForwarder.builder(config).loopCheck(Duration.ofMillis(500)).start().block(Duration.ofSeconds(10));
    }

    private InetSocketAddress server() {
        return forwarder.listenAddresses().get(0);
    }

    private static long asked(FakeDnsServer server, String name) {
        return server.requests().stream().filter(r -> r.name().equals(name)).count();
    }

    @Test
    void upstreamSwap_underConcurrentLoad_losesAndFailsNoQuery() throws Exception {
        start(config(first).build());
        HostDnsConfig toFirst = forwarder.config();
        HostDnsConfig toSecond = config(second).build();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        AtomicBoolean swapping = new AtomicBoolean(true);
        Set<String> answers = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int c = 0; c < 6; c++) {
                int client = c;
                results.add(clients.submit(() -> {
                    int answered = 0;
                    for (int i = 0; i < 80; i++) { // unique names: every query goes upstream
                        Message m = Dns.ask(server(), "q" + client + "-" + i + ".load.test", Type.A, i % 5 == 0);
                        assertThat(m.getRcode()).as("query %d of client %d", i, client).isEqualTo(Rcode.NOERROR);
                        answers.add(Dns.first(m));
                        answered++;
                    }
                    return answered;
                }));
            }
            for (int swap = 0; swap < 8; swap++) {
                forwarder.reconfigure(swap % 2 == 0 ? toSecond : toFirst).block(Duration.ofSeconds(10));
            }
            swapping.set(false);
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(6 * 80);
        } finally {
            clients.shutdownNow();
        }
        assertThat(answers).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
        assertThat(forwarder.status().loopProbesSeen()).isZero();
    }

    @Test
    void cache_isFlushedWhenUpstreamsChange_andKeptOtherwise() throws Exception {
        start(config(first).build());
        assertThat(Dns.first(Dns.ask(server(), "kept.test", Type.A))).isEqualTo("192.0.2.1");

        forwarder.reconfigure(config(first).queryLog(HostDnsConfig.QueryLog.INFO).build()).block(Duration.ofSeconds(10));
        assertThat(Dns.first(Dns.ask(server(), "kept.test", Type.A))).isEqualTo("192.0.2.1");
        assertThat(asked(first, "kept.test.")).isEqualTo(1);

        forwarder.reconfigure(config(second).build()).block(Duration.ofSeconds(10));
        assertThat(Dns.first(Dns.ask(server(), "kept.test", Type.A))).isEqualTo("192.0.2.2");
        assertThat(asked(second, "kept.test.")).isEqualTo(1);
        assertThat(forwarder.status().allUpstreams()).singleElement()
                .satisfies(s -> assertThat(s.address()).endsWith(":" + second.port()));
    }

    @Test
    void listenAddresses_addedAndRemoved_withoutTouchingTheOthers() throws Exception {
        start(config(first, "127.0.0.1:0").build());
        InetSocketAddress kept = server();

        forwarder.reconfigure(config(first, "127.0.0.1:0", "127.0.0.2:0").build()).block(Duration.ofSeconds(10));
        List<InetSocketAddress> both = forwarder.listenAddresses();
        assertThat(both).hasSize(2).startsWith(kept);
        InetSocketAddress added = both.get(1);
        assertThat(added.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(Dns.first(Dns.ask(added, "via-added.test", Type.A, true))).isEqualTo("192.0.2.1");

        forwarder.reconfigure(config(first, "127.0.0.2:0").build()).block(Duration.ofSeconds(10));
        assertThat(forwarder.listenAddresses()).containsExactly(added);
        assertThat(Dns.first(Dns.ask(added, "still.test", Type.A))).isEqualTo("192.0.2.1");
        assertThat(forwarder.status().listeners()).allSatisfy(l -> assertThat(l.address()).isEqualTo(added))
                .filteredOn(l -> l.protocol() == Protocol.TCP).hasSize(1);
    }

    @Test
    void reconfigure_refusesOurOwnListenerAsUpstream_andKeepsThePreviousConfig() throws Exception {
        start(config(first).build());
        HostDnsConfig self = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + server().getPort())
                .build();

        assertThatThrownBy(() -> forwarder.reconfigure(self).block(Duration.ofSeconds(10)))
                .isInstanceOf(HostDnsForwarder.LoopException.class).hasMessageContaining("own listen addresses");
        assertThat(forwarder.config().resolvers().get(0).port()).isEqualTo(first.port());
        assertThat(Dns.first(Dns.ask(server(), "after-refusal.test", Type.A))).isEqualTo("192.0.2.1");
    }

    @Test
    void reconfigureFrom_appliesEachConfig_andSkipsOneThatFails() throws Exception {
        start(config(first).build());
        HostDnsConfig self = HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0").resolvers("127.0.0.1:" + server().getPort())
                .build();

        reactor.core.Disposable source = forwarder.reconfigureFrom(reactor.core.publisher.Flux.just(self, config(second).build()));
        try {
            Await.until(Duration.ofSeconds(5), "the second configuration applied",
                    () -> forwarder.config().resolvers().get(0).port() == second.port());
        } finally {
            source.dispose();
        }

        assertThat(forwarder.config().resolvers().get(0).port()).isEqualTo(second.port());
        assertThat(Dns.first(Dns.ask(server(), "from-flux.test", Type.A))).isEqualTo("192.0.2.2");
    }

    @Test
    void queryInFlight_finishesOnTheOldUpstreams_afterTheSwap() {
        start(config(first).build());
        reactor.core.publisher.Mono<io.hostdns.core.Answer> inFlight = forwarder.pipeline()
                .resolve(io.hostdns.core.Query.of("slow.inflight.test", Type.A)).cache();
        inFlight.subscribe();

        forwarder.reconfigure(config(second).build()).block(Duration.ofSeconds(10));
        io.hostdns.core.Answer answer = inFlight.block(Duration.ofSeconds(5));

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Dns.first(answer.message())).isEqualTo("192.0.2.1");
        assertThat(answer.source().upstream().address()).endsWith(":" + first.port());
    }
}
