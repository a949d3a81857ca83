package io.hostdns.transport.https;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapAddressResolverGroupTest {

    @Test
    void dohHost_resolvesToBootstrapAddresses_keepingTheNameAndPort_caseInsensitively() throws Exception {
        InetAddress first = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        InetAddress second = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (var group = new BootstrapAddressResolverGroup("dns.hostdns.test", List.of(first, second))) {
            AddressResolver<InetSocketAddress> resolver = group.getResolver(ImmediateEventExecutor.INSTANCE);

            Future<List<InetSocketAddress>> all = resolver.resolveAll(InetSocketAddress.createUnresolved("DNS.hostdns.test", 8443));

            assertThat(all.getNow()).extracting(InetSocketAddress::getAddress).containsExactly(first, second);
            assertThat(all.getNow()).allSatisfy(a -> {
                assertThat(a.getHostString()).isEqualTo("DNS.hostdns.test");
                assertThat(a.getPort()).isEqualTo(8443);
            });
        }
    }

    @Test
    void anyOtherName_failsWithoutAskingDns() throws Exception {
        try (var group = new BootstrapAddressResolverGroup("dns.hostdns.test",
                List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})))) {
            Future<InetSocketAddress> other = group.getResolver(ImmediateEventExecutor.INSTANCE)
                    .resolve(InetSocketAddress.createUnresolved("example.com", 443));

            assertThat(other.cause()).isInstanceOf(UnknownHostException.class).hasMessageContaining("bootstrap");
        }
    }

    @Test
    void linkLocalBootstrap_keepsItsZone() throws Exception {
        Inet6Address linkLocal = Inet6Address.getByAddress(null,
                InetAddress.getByName("fe80::1").getAddress(), 3);
        try (var group = new BootstrapAddressResolverGroup("dns.hostdns.test", List.of(linkLocal))) {
            InetSocketAddress resolved = group.getResolver(ImmediateEventExecutor.INSTANCE)
                    .resolve(InetSocketAddress.createUnresolved("dns.hostdns.test", 443)).getNow();

            assertThat(((Inet6Address) resolved.getAddress()).getScopeId()).isEqualTo(3);
            assertThat(resolved.getHostString()).isEqualTo("dns.hostdns.test");
        }
    }
}
