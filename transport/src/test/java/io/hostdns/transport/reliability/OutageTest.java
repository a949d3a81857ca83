package io.hostdns.transport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.server.DnsServer;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * The rows of the fault matrix about upstreams that are gone: a dead port, every upstream down (with and
 * without a stale entry), a real NSD behind a dead first upstream, and the cap on queries in flight when
 * an upstream swallows everything.
 */
class OutageTest {

    private static final Duration FAST = Duration.ofMillis(1000);

    @Test
    void deadFirstUpstream_portClosed_givesTheNextUpstreamsAnswer_fast() throws Exception {
        try (FakeDnsServer healthy = FakeDnsServer.start(r -> Responses.aFor("192.0.2.2"));
             ForwardingPipeline pipeline = ForwardingPipeline.over(
                     List.of(FaultMatrixTest.closedPort(), healthy.address()))) {
            StubResult result = StubResult.ask(pipeline, "dead.example.", false);

            assertThat(result.addresses()).containsExactly("192.0.2.2");
            assertThat(result.elapsed()).isLessThan(FAST);
            assertThat(pipeline.clients.get(0).stats().sent()).isGreaterThanOrEqualTo(1);
            assertThat(pipeline.clients.get(0).stats().accepted()).isZero();
            Settled.nothingPending(pipeline);
        }
    }

    @Test
    void realNsdBehindADeadFirstUpstream_answersFromTheZone() throws Exception {
        try (NsdServer nsd = NsdServer.start(TestZone.ORIGIN, TestZone.text());
             ForwardingPipeline pipeline = ForwardingPipeline.over(
                     List.of(FaultMatrixTest.closedPort(), nsd.address()))) {
            StubResult known = StubResult.ask(pipeline, "n7.load.test.", false);
            StubResult wildcard = StubResult.ask(pipeline, "anything.w.load.test.", true);
            StubResult missing = StubResult.ask(pipeline, "missing.load.test.", false);

            assertThat(known.addresses()).containsExactly(TestZone.address(7));
            assertThat(wildcard.addresses()).containsExactly(TestZone.WILDCARD_ADDRESS);
            assertThat(missing.rcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(pipeline.clients.get(1).stats().accepted()).isGreaterThanOrEqualTo(3);
            Settled.nothingPending(pipeline);
        }
    }

    @Test
    void allUpstreamsDown_givesServfailWithEde_fast_everyTime() throws Exception {
        try (ForwardingPipeline pipeline = ForwardingPipeline.over(
                List.of(FaultMatrixTest.closedPort(), FaultMatrixTest.closedPort()))) {
            for (int i = 0; i < 5; i++) {
                StubResult result = StubResult.ask(pipeline, "down" + i + ".example.", false);

                assertThat(result.rcode()).isEqualTo(Rcode.SERVFAIL);
                assertThat(result.ede()).isIn(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY,
                        ExtendedErrorCodeOption.NETWORK_ERROR);
                assertThat(result.elapsed()).isLessThan(FAST);
            }
            assertThat(pipeline.server.counters().servfailOnError()).isEqualTo(5);
            Settled.nothingPending(pipeline);
        }
    }

    @Test
    void allUpstreamsDown_withAnExpiredEntry_servesItStaleWithEde3() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        InetAddress address = InetAddress.getByName("192.0.2.1");
        FakeReply shortLived = FakeReply.message(r -> Responses.withAnswers(Responses.to(r),
                new ARecord(name(r.name()), DClass.IN, 1, address)));
        AtomicLong cacheClock = new AtomicLong();
        try (FakeDnsServer upstream = FakeDnsServer.start(r -> up.get() ? shortLived : FakeReply.drop());
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(upstream.address()),
                     ForwardingPipeline.defaultCache().withTtlRange(Duration.ZERO, Duration.ofHours(1)),
                     cacheClock::get)) {
            assertThat(StubResult.ask(pipeline, "stale.example.", false).addresses()).containsExactly("192.0.2.1");
            up.set(false);
            cacheClock.addAndGet(Duration.ofMillis(1300).toNanos()); // the 1 s TTL runs out on the cache's clock

            StubResult stale = StubResult.ask(pipeline, "stale.example.", false);

            assertThat(stale.rcode()).isEqualTo(Rcode.NOERROR);
            assertThat(stale.addresses()).containsExactly("192.0.2.1");
            assertThat(stale.ede()).isEqualTo(ExtendedErrorCodeOption.STALE_ANSWER);
            assertThat(stale.elapsed()).isLessThan(FAST);
            Settled.nothingPending(pipeline);
        }
    }

    @Test
    void blackHoleUpstream_pastTheConcurrencyCap_queriesGetAFastServfail_notAQueue() throws Exception {
        try (FakeDnsServer blackHole = FakeDnsServer.start(r -> FakeReply.drop());
             ForwardingPipeline pipeline = ForwardingPipeline.over(List.of(blackHole.address()), 5,
                     ForwardingPipeline.defaultCache(), (DnsServer s) -> s)) {
            List<StubResult> results = ParallelStubs.ask(pipeline, 20, i -> "hole" + i + ".example.");

            long fast = results.stream().filter(r -> r.rcode() == Rcode.SERVFAIL && r.ede() != null
                    && r.ede() == ExtendedErrorCodeOption.OTHER && r.rendered().contains("too many upstream queries")
                    && r.elapsed().compareTo(Duration.ofMillis(400)) < 0).count();
            assertThat(results).allMatch(r -> r.rcode() == Rcode.SERVFAIL);
            assertThat(fast).isEqualTo(15);
            assertThat(pipeline.limiter.rejected()).isEqualTo(15);
            Settled.nothingPending(pipeline);
        }
    }

    private static Name name(String text) {
        return Name.fromConstantString(text);
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
