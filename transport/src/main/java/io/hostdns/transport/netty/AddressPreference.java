package io.hostdns.transport.netty;

/**
 * Which address families are asked for and in which order they are returned, like Netty's
 * {@code ResolvedAddressTypes}. With a "first" preference both A and AAAA are asked in parallel and the
 * preferred family is listed first; a single address ({@code resolve}) is taken from the preferred family
 * as soon as it has one, and from the other family only when the preferred one has none.
 */
public enum AddressPreference {
    /** A and AAAA, IPv4 addresses first. */
    IPV4_FIRST,
    /** A and AAAA, IPv6 addresses first. */
    IPV6_FIRST,
    /** A only. */
    IPV4_ONLY,
    /** AAAA only. */
    IPV6_ONLY;

    /** Whether A records are asked for. */
    public boolean wantsIpv4() {
        return this != IPV6_ONLY;
    }

    /** Whether AAAA records are asked for. */
    public boolean wantsIpv6() {
        return this != IPV4_ONLY;
    }

    /** Whether IPv6 addresses come first. */
    public boolean ipv6First() {
        return this == IPV6_FIRST || this == IPV6_ONLY;
    }
}
