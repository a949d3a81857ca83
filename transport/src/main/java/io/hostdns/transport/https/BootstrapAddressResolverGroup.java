package io.hostdns.transport.https;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves exactly one host name, the DoH server's, to fixed bootstrap addresses, and refuses every
 * other name: a DoH client must never ask DNS for its own server's name (it may be the only DNS
 * there is). The resolved addresses keep the host name ({@link InetAddress#getByAddress(String, byte[])}
 * does no lookup), so SNI, the {@code Host} header and certificate verification all use the name
 * while the connection goes to the bootstrap IP.
 */
final class BootstrapAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final String host;
    private final List<InetAddress> addresses;

    BootstrapAddressResolverGroup(String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bootstrap address is needed for " + host);
        }
        this.host = host.toLowerCase(Locale.ROOT);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new BootstrapResolver(executor);
    }

    private final class BootstrapResolver extends AbstractAddressResolver<InetSocketAddress> {

        BootstrapResolver(EventExecutor executor) {
            super(executor, InetSocketAddress.class);
        }

        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return !address.isUnresolved();
        }

        @Override
        protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) throws Exception {
            promise.setSuccess(bootstrap(unresolved).get(0));
        }

        @Override
        protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise)
                throws Exception {
            promise.setSuccess(bootstrap(unresolved));
        }

        private List<InetSocketAddress> bootstrap(InetSocketAddress unresolved) throws UnknownHostException {
            String name = unresolved.getHostString();
            if (!host.equals(name.toLowerCase(Locale.ROOT))) {
                throw new UnknownHostException(name + ": a DoH client only connects to its bootstrap host " + host);
            }
            List<InetSocketAddress> result = new ArrayList<>(addresses.size());
            for (InetAddress address : addresses) {
                result.add(new InetSocketAddress(named(name, address), unresolved.getPort()));
            }
            return result;
        }
    }

    /** {@code address} carrying {@code name}, keeping an IPv6 zone (a link-local bootstrap needs it). */
    private static InetAddress named(String name, InetAddress address) throws UnknownHostException {
        if (address instanceof Inet6Address v6) {
            if (v6.getScopedInterface() != null) {
                return Inet6Address.getByAddress(name, v6.getAddress(), v6.getScopedInterface());
            }
            if (v6.getScopeId() != 0) {
                return Inet6Address.getByAddress(name, v6.getAddress(), v6.getScopeId());
            }
        }
        return InetAddress.getByAddress(name, address.getAddress());
    }
}
