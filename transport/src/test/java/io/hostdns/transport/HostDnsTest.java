package io.hostdns.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.testing.Await;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.NsdServer;
import io.hostdns.transport.testing.Responses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The front door against the in-process fake server: lookups and queries through its cache, IP literals
 * without DNS, typed failures, and close releasing its event loop and sockets once. Lookups are subscribed
 * on Reactor's parallel threads, where BlockHound (installed in every test JVM) fails any blocking call.
 */
class HostDnsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeDnsServer upstream;
    private HostDns dns;

    @BeforeEach
    void start() {
        upstream = FakeDnsServer.start(request -> switch (request.question().getType()) {
            case Type.A -> request.name().startsWith("app.") ? Responses.aFor("192.0.2.10") : FakeReply.nxdomain();
            case Type.AAAA -> request.name().startsWith("app.") ? aaaa("2001:db8::10") : FakeReply.nxdomain();
            case Type.MX -> FakeReply.message(r -> Responses.withAnswers(Responses.to(r),
                    new MXRecord(r.question().getName(), DClass.IN, 60, 10, name("mail.hostdns.test."))));
            default -> FakeReply.servfail();
        });
        dns = HostDns.of("127.0.0.1:" + upstream.port());
    }

    @AfterEach
    void stop() {
        dns.close();
        upstream.close();
    }

    private static FakeReply aaaa(String ipv6) {
        return FakeReply.message(r -> Responses.withAnswers(Responses.to(r),
                new AAAARecord(r.question().getName(), DClass.IN, 60, address(ipv6))));
    }

    private static Name name(String text) {
        return Name.fromConstantString(text);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code lookup} subscribed on a parallel (non-blocking) thread. */
    private List<InetAddress> lookupOffTheTestThread(String host) {
        return Mono.defer(() -> dns.lookup(host)).subscribeOn(Schedulers.parallel()).block(WAIT);
    }

    @Test
    void lookup_asksAAndAaaa_ipv4First_andTheSecondLookupIsACacheHit() {
        assertThat(lookupOffTheTestThread("app.hostdns.test"))
                .containsExactly(address("192.0.2.10"), address("2001:db8::10"));
        assertThat(upstream.requests()).extracting(r -> r.question().getType())
                .containsExactlyInAnyOrder(Type.A, Type.AAAA);

        assertThat(lookupOffTheTestThread("app.hostdns.test"))
                .containsExactly(address("192.0.2.10"), address("2001:db8::10"));
        assertThat(upstream.requests()).hasSize(2);
        assertThat(dns.cacheStats().hits()).isEqualTo(2);
        assertThat(dns.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void lookup_withIpv6First_putsTheAaaaAddressesFirst() {
        try (HostDns v6 = HostDns.builder().upstreams("127.0.0.1:" + upstream.port())
                .addressPreference(AddressPreference.IPV6_FIRST).build()) {
            assertThat(v6.lookup("app.hostdns.test").block(WAIT))
                    .containsExactly(address("2001:db8::10"), address("192.0.2.10"));
        }
    }

    @Test
    void resolve_answersAnyType_fromTheUpstreamFirst_thenFromTheCache() {
        Query mx = Query.of("hostdns.test", Type.MX);
        Answer first = Mono.defer(() -> dns.resolve(mx)).subscribeOn(Schedulers.parallel()).block(WAIT);
        Answer second = dns.resolve(mx).block(WAIT);

        assertThat(first.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(first.source()).isEqualTo(AnswerSource.upstream(
                new UpstreamId(0, Protocol.UDP, "127.0.0.1:" + upstream.port())));
        assertThat(first.message().getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((MXRecord) r).getTarget()).isEqualTo(name("mail.hostdns.test.")));
        assertThat(second.source().kind()).isEqualTo(AnswerSource.Kind.CACHE);
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void lookup_ofANameWithoutAddresses_failsWithUnknownHostException_namingTheHostAndRcodes() {
        StepVerifier.create(Mono.defer(() -> dns.lookup("nope.hostdns.test")).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownHostException.class)
                        .hasMessageContaining("nope.hostdns.test")
                        .hasMessageContaining("A NXDOMAIN").hasMessageContaining("AAAA NXDOMAIN"))
                .verify(WAIT);
    }

    @Test
    void lookup_ofIpLiteralsAndLocalhost_neverReachesDns() {
        assertThat(lookupOffTheTestThread("192.0.2.7")).containsExactly(address("192.0.2.7"));
        assertThat(lookupOffTheTestThread("2001:db8::7")).containsExactly(address("2001:db8::7"));
        assertThat(lookupOffTheTestThread("localhost")).first().satisfies(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void upstreams_showEachUpstreamsHealth_andTheDeadOneLeavesHealthy() {
        int dead = NsdServer.freePort();
        try (HostDns two = HostDns.builder().upstreams("127.0.0.1:" + dead, "127.0.0.1:" + upstream.port())
                .build()) {
            assertThat(two.upstreams()).extracting(s -> s.id().address())
                    .containsExactly("127.0.0.1:" + dead, "127.0.0.1:" + upstream.port());
            AtomicReference<UpstreamStatus> change = new AtomicReference<>();
            two.statusChanges().subscribe(change::set);

            assertThat(two.lookup("app.hostdns.test").block(WAIT)).contains(address("192.0.2.10"));
            Await.until(WAIT, "the dead upstream's state change", () -> change.get() != null);
            assertThat(change.get().id().address()).isEqualTo("127.0.0.1:" + dead);
            assertThat(two.upstreams().get(0).state()).isNotEqualTo(UpstreamStatus.State.HEALTHY);
            assertThat(two.upstreams().get(0).count(UpstreamStatus.Outcome.NETWORK)).isPositive();
            assertThat(two.upstreams().get(1).state()).isEqualTo(UpstreamStatus.State.HEALTHY);
        }
    }

    @Test
    void close_releasesTheEventLoopAndSockets_once_andLaterResolutionsFailWithIllegalState() {
        Set<Thread> before = hostdnsThreads();
        HostDns own = HostDns.of("127.0.0.1:" + upstream.port());
        Answer answer = own.resolve(Query.of("app.hostdns.test", Type.A)).block(WAIT);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        Set<Thread> made = hostdnsThreads();
        made.removeAll(before);
        assertThat(made).as("the resolver's own event loop thread").isNotEmpty();
        assertThat(own.resources().openChannels()).isPositive();

        own.close();
        own.close();

        assertThat(own.resources().isDisposed()).isTrue();
        assertThat(own.resources().openChannels()).isZero();
        Await.until(WAIT, () -> "its event loop thread stopped: " + made, () -> made.stream().noneMatch(Thread::isAlive));
        assertThatThrownBy(() -> own.resolve(Query.of("app.hostdns.test", Type.A)).block(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> own.lookup("app.hostdns.test").block(WAIT))
                .isInstanceOf(IllegalStateException.class);
        assertThat(own.statusChanges().collectList().block(WAIT)).isEmpty();
    }

    /** The live threads named as a HostDns names its own event loop. */
    private static Set<Thread> hostdnsThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("hostdns-epoll-") || thread.getName().startsWith("hostdns-nio-")) {
                threads.add(thread);
            }
        }
        return threads;
    }

    @Test
    void close_withSharedResources_leavesTheCallersEventLoopsRunning() {
        DnsResources shared = DnsResources.create("shared-by-caller", 1);
        try {
            HostDns onShared = HostDns.builder().upstreams("127.0.0.1:" + upstream.port()).resources(shared).build();
            assertThat(onShared.lookup("app.hostdns.test").block(WAIT)).isNotEmpty();
            assertThat(shared.openChannels()).isPositive();
            onShared.close();

            assertThat(shared.isDisposed()).isFalse();
            // its sockets were told to close; Netty finishes closing them on the caller's event loop
            Await.until(WAIT, "the resolver's sockets closed", () -> shared.openChannels() == 0);
            assertThat(shared.eventLoops().isShuttingDown()).isFalse();
        } finally {
            shared.disposeLater().block(WAIT);
        }
    }

    @Test
    void builder_withoutUpstreams_readsTheNameserversOfResolvConf_andGlibcsDefaultWhenItHasNone(
            @TempDir Path dir) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "search corp.example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n");
        try (HostDns fromFile = HostDns.builder().resolvConf(conf).build()) {
            assertThat(fromFile.upstreams()).extracting(s -> s.id().toString())
                    .containsExactly("#000 udp 192.0.2.53:53", "#001 udp [2001:db8::53]:53");
        }
        try (HostDns fromNothing = HostDns.builder().resolvConf(dir.resolve("missing")).build()) {
            assertThat(fromNothing.upstreams()).extracting(s -> s.id().toString())
                    .containsExactly("#000 udp 127.0.0.1:53");
        }
    }

    @Test
    void builder_rejectsBadSettings_namingThem() {
        assertThatThrownBy(() -> HostDns.of("udp://dns.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dns.example");
        assertThatThrownBy(() -> HostDns.builder().upstreams(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upstreams");
        assertThatThrownBy(() -> HostDns.builder().deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        HostDns.Builder template = HostDns.builder().attemptTimeout(Duration.ofMillis(500));
        assertThat(template.deadline(Duration.ofSeconds(1))).isNotSameAs(template);
    }
}
