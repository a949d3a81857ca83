package io.hostdns.transport.netty;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.search.SearchResolver;
import io.hostdns.transport.internal.AddressLookup;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;

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
 * <p>The per-event-loop resolvers hold nothing but the shared lookup logic: no sockets, no
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

    /**
     * Each asked family's addresses of {@code host}, in arrival order, for a Happy-Eyeballs connector that
     * starts on the first family to answer; a family whose query failed is left out, and when every asked
     * family failed the {@code Flux} fails with an {@link java.net.UnknownHostException}. Lazy; cancelling
     * cancels both queries.
     */
    public Flux<FamilyAddresses> byFamily(String host) {
        return lookup.byFamily(host);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new HostDnsNameResolver(executor, lookup).asAddressResolver();
    }

    /**
     * The addresses one family's query ({@code A} or {@code AAAA}) produced, emitted as soon as that query
     * is answered so that a Happy-Eyeballs connector can start on the first family.
     *
     * @param type      {@link Type#A} or {@link Type#AAAA}
     * @param addresses the addresses of the answer, in answer order; empty for NXDOMAIN or NODATA
     * @param answer    the DNS answer they came from; null for addresses known without DNS (IP literals,
     *                  {@code localhost})
     */
    public record FamilyAddresses(int type, List<InetAddress> addresses, @Nullable Answer answer) {

        public FamilyAddresses {
            if (type != Type.A && type != Type.AAAA) {
                throw new IllegalArgumentException("type must be A or AAAA, was " + Type.string(type));
            }
            addresses = List.copyOf(addresses);
        }

        /** Whether this is the IPv6 family. */
        public boolean ipv6() {
            return type == Type.AAAA;
        }
    }
}
