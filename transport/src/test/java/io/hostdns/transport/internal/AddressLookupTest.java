package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.Protocol;
import io.hostdns.transport.netty.AddressPreference;
import io.hostdns.transport.netty.NettyTestAnswers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A and AAAA in parallel, preference order, per-family streaming, literals and localhost without DNS. */
class AddressLookupTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress V4 = ip("192.0.2.10");
    private static final InetAddress V6 = ip("2001:db8::10");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A after {@code aDelay}, AAAA after {@code aaaaDelay}. */
    private static Resolver dualStack(Duration aDelay, Duration aaaaDelay) {
        return q -> Mono.delay(q.type() == Type.A ? aDelay : aaaaDelay)
                .map(t -> NettyTestAnswers.addresses(q, q.type() == Type.A ? V4 : V6));
    }

    @Test
    void all_asksBothFamiliesInParallel_andOrdersByPreference() {
        Resolver resolver = dualStack(Duration.ofMillis(100), Duration.ofMillis(100));
        StepVerifier.withVirtualTime(() -> new AddressLookup(resolver, AddressPreference.IPV6_FIRST).all("h.example"))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(List.of(V6, V4))
                .expectComplete().verify(WAIT);
        StepVerifier.withVirtualTime(() -> new AddressLookup(resolver, AddressPreference.IPV4_FIRST).all("h.example"))
                .thenAwait(Duration.ofMillis(100))
                .expectNext(List.of(V4, V6))
                .expectComplete().verify(WAIT);
    }

    @Test
    void byFamily_emitsEachFamilyAsItArrives() {
        Resolver resolver = dualStack(Duration.ofMillis(300), Duration.ofMillis(20));
        StepVerifier.withVirtualTime(() -> new AddressLookup(resolver, AddressPreference.IPV4_FIRST).byFamily("h.example"))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(f -> assertThat(f.ipv6()).isTrue())
                .expectNoEvent(Duration.ofMillis(279))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(f -> assertThat(f.addresses()).containsExactly(V4))
                .expectComplete().verify(WAIT);
    }

    @Test
    void first_takesThePreferredFamilyAtOnce_andCancelsTheSlowOther() {
        AtomicBoolean aaaaCancelled = new AtomicBoolean();
        Resolver resolver = q -> q.type() == Type.A
                ? Mono.delay(Duration.ofMillis(10)).map(t -> NettyTestAnswers.addresses(q, V4))
                : Mono.delay(Duration.ofSeconds(3)).map(t -> NettyTestAnswers.addresses(q, V6))
                        .doOnCancel(() -> aaaaCancelled.set(true));
        StepVerifier.withVirtualTime(() -> new AddressLookup(resolver, AddressPreference.IPV4_FIRST).first("h.example"))
                .thenAwait(Duration.ofMillis(10))
                .expectNext(V4)
                .expectComplete().verify(WAIT);
        assertThat(aaaaCancelled).isTrue();
    }

    @Test
    void first_fallsBackToTheOtherFamily_whenThePreferredHasNone() {
        Resolver resolver = q -> q.type() == Type.AAAA ? Mono.just(NettyTestAnswers.rcode(q, Rcode.NOERROR))
                : Mono.just(NettyTestAnswers.addresses(q, V4));
        StepVerifier.create(new AddressLookup(resolver, AddressPreference.IPV6_FIRST).first("v4only.example"))
                .expectNext(V4).expectComplete().verify(WAIT);
    }

    @Test
    void onlyPreferences_askOneFamily() {
        AtomicInteger aaaaAsked = new AtomicInteger();
        Resolver resolver = q -> {
            if (q.type() == Type.AAAA) {
                aaaaAsked.incrementAndGet();
            }
            return Mono.just(NettyTestAnswers.addresses(q, q.type() == Type.A ? V4 : V6));
        };
        StepVerifier.create(new AddressLookup(resolver, AddressPreference.IPV4_ONLY).all("h.example"))
                .expectNext(List.of(V4)).expectComplete().verify(WAIT);
        assertThat(aaaaAsked).hasValue(0);
        StepVerifier.create(new AddressLookup(resolver, AddressPreference.IPV6_ONLY).all("h.example"))
                .expectNext(List.of(V6)).expectComplete().verify(WAIT);
    }

    @Test
    void nxdomain_failsWithUnknownHostNamingTheHost() {
        Resolver resolver = q -> Mono.just(NettyTestAnswers.rcode(q, Rcode.NXDOMAIN));
        StepVerifier.create(new AddressLookup(resolver, AddressPreference.IPV4_FIRST).all("nope.example"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownHostException.class)
                        .hasMessageContaining("nope.example").hasMessageContaining("NXDOMAIN"))
                .verify(WAIT);
    }

    @Test
    void oneFamilyTimingOut_stillReturnsTheOther_butBothFailing_isUnknownHostWithCause() {
        UpstreamId upstream = new UpstreamId(0, Protocol.UDP, "192.0.2.53:53");
        Resolver halfBroken = q -> q.type() == Type.AAAA
                ? Mono.error(new DnsTimeoutException(upstream, Duration.ofSeconds(2)))
                : Mono.just(NettyTestAnswers.addresses(q, V4));
        StepVerifier.create(new AddressLookup(halfBroken, AddressPreference.IPV6_FIRST).all("h.example"))
                .expectNext(List.of(V4)).expectComplete().verify(WAIT);
        Resolver broken = q -> Mono.error(new DnsTimeoutException(upstream, Duration.ofSeconds(2)));
        StepVerifier.create(new AddressLookup(broken, AddressPreference.IPV4_FIRST).first("h.example"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(UnknownHostException.class).hasMessageContaining("h.example");
                    assertThat(e.getCause()).isInstanceOf(DnsTimeoutException.class);
                })
                .verify(WAIT);
    }

    @Test
    void oneFamilyFailing_andTheOtherNodata_isUnknownHostWithTheErrorAsCause() {
        UpstreamId upstream = new UpstreamId(0, Protocol.UDP, "192.0.2.53:53");
        Resolver resolver = q -> q.type() == Type.A
                ? Mono.error(new DnsTimeoutException(upstream, Duration.ofSeconds(2)))
                : Mono.just(NettyTestAnswers.rcode(q, Rcode.NOERROR));
        StepVerifier.create(new AddressLookup(resolver, AddressPreference.IPV4_FIRST).all("half.example"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(UnknownHostException.class).hasMessageContaining("half.example")
                            .hasMessageContaining("AAAA NOERROR").hasMessageContaining("lookup failed");
                    assertThat(e.getCause()).isInstanceOf(DnsTimeoutException.class);
                })
                .verify(WAIT);
    }

    @Test
    void ipLiteralsAndLocalhost_neverReachDns() {
        Resolver noDns = q -> Mono.error(new AssertionError("DNS asked for " + q));
        AddressLookup lookup = new AddressLookup(noDns, AddressPreference.IPV4_FIRST);
        StepVerifier.create(lookup.all("192.0.2.77"))
                .assertNext(list -> assertThat(list).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.77"))
                .expectComplete().verify(WAIT);
        StepVerifier.create(lookup.first("::1"))
                .assertNext(a -> assertThat(a.isLoopbackAddress()).isTrue())
                .expectComplete().verify(WAIT);
        StepVerifier.create(lookup.all("LOCALHOST"))
                .assertNext(list -> assertThat(list).extracting(InetAddress::getHostAddress)
                        .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1"))
                .expectComplete().verify(WAIT);
        StepVerifier.create(new AddressLookup(noDns, AddressPreference.IPV6_FIRST).first("localhost"))
                .assertNext(a -> assertThat(a.getAddress()).hasSize(16))
                .expectComplete().verify(WAIT);
    }
}
