package io.hostdns.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Resolver;
import io.hostdns.transport.internal.AddressLookup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.core.publisher.Mono;

/** Netty promises completed from Reactor callbacks; cancelling a promise cancels the lookup. */
class HostDnsNameResolverTest {

    @Test
    void cancellingThePromise_cancelsBothQueries() {
        AtomicInteger cancelled = new AtomicInteger();
        Resolver never = q -> Mono.<io.hostdns.core.Answer>never().doOnCancel(cancelled::incrementAndGet);
        HostDnsNameResolver resolver = new HostDnsNameResolver(ImmediateEventExecutor.INSTANCE,
                new AddressLookup(never, AddressPreference.IPV4_FIRST));
        Future<List<InetAddress>> pending = resolver.resolveAll("slow.example");
        assertThat(pending.isDone()).isFalse();
        assertThat(pending.cancel(false)).isTrue();
        assertThat(cancelled).hasValue(2);
    }

    @Test
    void nxdomain_failsThePromiseWithUnknownHost() {
        Resolver nx = q -> Mono.just(NettyTestAnswers.rcode(q, Rcode.NXDOMAIN));
        HostDnsNameResolver resolver = new HostDnsNameResolver(ImmediateEventExecutor.INSTANCE,
                new AddressLookup(nx, AddressPreference.IPV4_FIRST));
        Future<InetAddress> result = resolver.resolve("nx.example");
        assertThat(result.isDone()).isTrue();
        assertThat(result.cause()).isInstanceOf(UnknownHostException.class).hasMessageContaining("nx.example");
    }
}
