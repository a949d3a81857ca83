package io.hostdns.transport.netty;

import io.hostdns.core.Resolver;
import io.hostdns.core.search.SearchResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A Netty {@link AddressResolverGroup} that resolves host names through a hostdns {@link Resolver}, for
 * Reactor Netty ({@code HttpClient.create().resolver(group)}, {@code TcpClient}, Spring WebClient) and
 * plain Netty {@code Bootstrap.resolver(group)}.
 *
 * <p>A and AAAA are asked in parallel as the {@link AddressPreference} says; {@code resolve} returns the
 * preferred family's first address as soon as that family is answered, {@code resolveAll} every address,
 * preferred family first. IP literals and {@code localhost} never reach DNS. A name with no address
 * (NXDOMAIN, NODATA) fails with an {@link java.net.UnknownHostException} naming the host.
 *
 * <p>The per-event-loop resolvers hold nothing but the shared {@link AddressLookup}: no sockets, no
 * caches of their own (caching and coalescing belong in the hostdns pipeline given here), so closing the
 * group releases nothing beyond Netty's bookkeeping; the hostdns resolver's own resources stay with its
 * owner. Requests are never blocked on: promises complete from Reactor callbacks.
 */
public final class HostDnsAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressLookup lookup;

    /** A group over {@code resolver}, IPv4 addresses first. */
    public HostDnsAddressResolverGroup(Resolver resolver) {
        this(resolver, AddressPreference.IPV4_FIRST);
    }

    /** A group over {@code resolver} with the given family preference. */
    public HostDnsAddressResolverGroup(Resolver resolver, AddressPreference preference) {
        this.lookup = new AddressLookup(Objects.requireNonNull(resolver, "resolver"), preference);
    }

    /** A group whose host names are expanded with {@code search}'s domains and ndots (glibc rules). */
    public HostDnsAddressResolverGroup(SearchResolver search, AddressPreference preference) {
        this.lookup = new AddressLookup(search, preference);
    }

    /** The lookup behind the group, e.g. for {@link AddressLookup#byFamily} in a Happy-Eyeballs connector. */
    public AddressLookup lookup() {
        return lookup;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new HostDnsNameResolver(executor, lookup).asAddressResolver();
    }
}
