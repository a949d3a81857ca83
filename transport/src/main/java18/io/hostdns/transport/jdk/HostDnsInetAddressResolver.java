package io.hostdns.transport.jdk;

import io.hostdns.transport.netty.AddressPreference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A JDK {@link InetAddressResolver} over {@link HostDnsLookups}: A and AAAA asked in parallel in the order
 * the {@link LookupPolicy} asks for; names hostdns does not handle (no upstream configured and not in its
 * hosts file) go to the JDK's built-in resolver. Blocking, as the SPI requires, for at most the configured
 * timeout.
 */
final class HostDnsInetAddressResolver implements InetAddressResolver {

    private final HostDnsLookups lookups;
    private final InetAddressResolver builtin;

    HostDnsInetAddressResolver(HostDnsLookups lookups, InetAddressResolver builtin) {
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.builtin = Objects.requireNonNull(builtin, "builtin");
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        List<InetAddress> found = lookups.lookup(host, preference(policy.characteristics()));
        return found != null ? found.stream() : builtin.lookupByName(host, policy);
    }

    @Override
    public String lookupByAddress(byte[] addr) throws UnknownHostException {
        String name = lookups.reverse(addr);
        return name != null ? name : builtin.lookupByAddress(addr);
    }

    /** The family order of the JDK's policy bits; both families without an order means IPv4 first. */
    static AddressPreference preference(int characteristics) {
        boolean v4 = (characteristics & LookupPolicy.IPV4) != 0;
        boolean v6 = (characteristics & LookupPolicy.IPV6) != 0;
        if (v4 && !v6) {
            return AddressPreference.IPV4_ONLY;
        }
        if (v6 && !v4) {
            return AddressPreference.IPV6_ONLY;
        }
        return (characteristics & LookupPolicy.IPV6_FIRST) != 0 ? AddressPreference.IPV6_FIRST
                : AddressPreference.IPV4_FIRST;
    }
}
