package io.hostdns.transport.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.testing.NsdServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Every upstream gone (NSD stopped): once the upstream is known DOWN, new names get SERVFAIL with Extended
 * DNS Error 22 at once instead of waiting out timeouts, and names cached before get their stale answer with
 * EDE 3 (RFC 8767). Real peers: NSD, dnsjava, dig.
 */
class UpstreamsDownInteropTest {

    private final AtomicLong cacheClock = new AtomicLong();
    private NsdServer nsd;
    private HostDnsForwarder forwarder;

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    private static @Nullable ExtendedErrorCodeOption ede(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt == null) {
            return null;
        }
        for (EDNSOption option : opt.getOptions()) {
            if (option instanceof ExtendedErrorCodeOption ede) {
                return ede;
            }
        }
        return null;
    }

    @Test
    void allUpstreamsDown_servfailWithEdeAtOnce_andStaleAnswersForCachedNames() throws Exception {
        Dig.require();
        nsd = NsdServer.start("interop.test", ForwarderNsdInteropTest.ZONE);
        HostDnsConfig.Cache shortLived = new HostDnsConfig.Cache(1000, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ZERO, true, Duration.ofDays(1), Duration.ofMillis(100),
                Duration.ofSeconds(30), false);
        forwarder = HostDnsForwarder.builder(HostDnsConfig.builder().metrics(HostDnsConfig.Metrics.off()).listen("127.0.0.1:0")
                        .resolvers("127.0.0.1:" + nsd.address().getPort())
                        .cache(shortLived)
                        .timeouts(new HostDnsConfig.Timeouts(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(100)))
                        .build())
                .loopCheck(null)
                .ticker(cacheClock::get)
                .start().block(Duration.ofSeconds(10));
        InetSocketAddress server = forwarder.listenAddresses().get(0);
        assertThat(Dns.first(Dns.ask(server, "www.interop.test", Type.A))).isEqualTo("192.0.2.80");

        nsd.close();
        nsd = null;
        for (int i = 0; i < 20 && forwarder.status().allUpstreams().get(0).state() != UpstreamStatus.State.DOWN; i++) {
            Message m = Dns.ask(server, "gone-" + i + ".interop.test", Type.A);
            assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
        }
        assertThat(forwarder.status().allUpstreams().get(0).state()).isEqualTo(UpstreamStatus.State.DOWN);

        long start = System.nanoTime();
        Message fast = Dns.ask(server, "known-down.interop.test", Type.A);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ExtendedErrorCodeOption failure = ede(fast);
        assertThat(fast.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(failure).isNotNull();
        assertThat(failure.getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY);
        assertThat(took).as("SERVFAIL once the upstreams are known down").isLessThan(Duration.ofMillis(500));

        // the cached answer's 1 s TTL runs out on the cache's clock, moved by hand
        cacheClock.addAndGet(Duration.ofMillis(1500).toNanos());
        Message stale = Dns.ask(server, "www.interop.test", Type.A);
        assertThat(stale.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Dns.first(stale)).isEqualTo("192.0.2.80");
        assertThat(ede(stale)).isNotNull().extracting(ExtendedErrorCodeOption::getErrorCode)
                .isEqualTo(ExtendedErrorCodeOption.STALE_ANSWER);
        assertThat(Dig.run(server, "www.interop.test", "A")).contains("EDE: 3 (Stale Answer)").contains("192.0.2.80");
        assertThat(forwarder.status().cache().staleServed()).isGreaterThanOrEqualTo(2);
    }
}
