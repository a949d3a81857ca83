package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The forwarder's defaults survive an upstream outage (issue 15): serve-stale and prefetch are on, so a name
 * the host used before keeps answering, stale with EDE 3 and TTL 30, as soon as the upstream is unreachable or
 * known DOWN, instead of SERVFAIL.
 */
class ResilientDefaultsTest {

    private static final Duration FAST = Duration.ofMillis(900);

    private final AtomicLong cacheClock = new AtomicLong();
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

    private InetSocketAddress start(HostDnsConfig.Builder config) {
        forwarder = HostDnsForwarder.builder(config.listen("127.0.0.1:0").resolvers("127.0.0.1:" + upstream.port()).build())
                .loopCheck(null).ticker(cacheClock::get).start().block(Duration.ofSeconds(10));
        return forwarder.listenAddresses().get(0);
    }

    private static @Nullable ExtendedErrorCodeOption ede(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt != null) {
            for (EDNSOption option : opt.getOptions()) {
                if (option instanceof ExtendedErrorCodeOption ede) {
                    return ede;
                }
            }
        }
        return null;
    }

    @Test
    void defaults_serveStaleAndPrefetch_areOn_andTheStageListSaysSo() {
        upstream = FakeDnsServer.start(request -> Responses.aFor("192.0.2.1"));
        start(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()));

        assertThat(forwarder.config().cache().serveStale()).isTrue();
        assertThat(forwarder.config().cache().prefetch()).isTrue();
        assertThat(forwarder.stages()).filteredOn(s -> s.name().equals("cache")).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("serve-stale on", "prefetch on"));
    }

    @Test
    void upstreamGone_expiredName_isAnsweredStaleWithEde3AndTtl30_atOnce() throws Exception {
        upstream = FakeDnsServer.start(request -> Responses.aFor("192.0.2.1"));
        InetSocketAddress server = start(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()));
        assertThat(Dns.first(Dns.ask(server, "app.example", Type.A))).isEqualTo("192.0.2.1");

        upstream.close(); // the port now answers ICMP unreachable: every attempt fails at once
        cacheClock.addAndGet(Duration.ofHours(2).toNanos()); // past the clamped TTL, within maxStale (1 d)
        long start = System.nanoTime();
        Message stale = Dns.ask(server, "app.example", Type.A);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stale.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Dns.first(stale)).isEqualTo("192.0.2.1");
        assertThat(stale.getSectionArray(Section.ANSWER)).extracting(Record::getTTL).containsOnly(30L);
        assertThat(ede(stale)).isNotNull().extracting(ExtendedErrorCodeOption::getErrorCode)
                .isEqualTo(ExtendedErrorCodeOption.STALE_ANSWER);
        assertThat(took).isLessThan(FAST);
    }

    @Test
    void blackHoledUpstream_knownDown_expiredName_isAnsweredStale_withoutWaitingTheStaleTimeout() throws Exception {
        AtomicBoolean blackHole = new AtomicBoolean();
        upstream = FakeDnsServer.start(request -> blackHole.get() ? FakeReply.drop() : Responses.aFor("192.0.2.1"));
        InetSocketAddress server = start(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).timeouts(new HostDnsConfig.Timeouts(
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ZERO)));
        assertThat(Dns.first(Dns.ask(server, "app.example", Type.A))).isEqualTo("192.0.2.1");

        blackHole.set(true);
        for (int i = 0; i < 10 && downCount() == 0; i++) {
            Dns.ask(server, "new" + i + ".example", Type.A); // each times out and counts against the upstream
        }
        Await.until(Duration.ofSeconds(5), "the upstream to be DOWN", () -> downCount() == 1);
        cacheClock.addAndGet(Duration.ofHours(2).toNanos());
        long start = System.nanoTime();
        Message stale = Dns.ask(server, "app.example", Type.A);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(Dns.first(stale)).isEqualTo("192.0.2.1");
        assertThat(ede(stale)).isNotNull().extracting(ExtendedErrorCodeOption::getErrorCode)
                .isEqualTo(ExtendedErrorCodeOption.STALE_ANSWER);
        assertThat(took).as("no 1.8 s wait, not even one 400 ms attempt: every upstream is known DOWN")
                .isLessThan(Duration.ofMillis(400));
    }

    private long downCount() {
        return forwarder.status().allUpstreams().stream().filter(s -> s.state() == UpstreamStatus.State.DOWN).count();
    }
}
