package io.hostdns.core.hosts;

import io.hostdns.core.internal.hosts.NameTable;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One cluster member as discovery reports it.
 *
 * @param hostname  its host name, short or fully qualified (e.g. {@code node1} or {@code node1.example.com})
 * @param aliases   further names it answers to, matched exactly
 * @param addresses its addresses, IPv4 and IPv6
 */
public record Member(String hostname, List<String> aliases, List<InetAddress> addresses) {

    public Member {
        Objects.requireNonNull(hostname, "hostname");
        if (NameTable.hostName(hostname) == null) {
            throw new IllegalArgumentException("not a valid member host name: '" + hostname + "'");
        }
        aliases = List.copyOf(aliases);
        for (String alias : aliases) {
            if (NameTable.hostName(alias) == null) {
                throw new IllegalArgumentException("not a valid alias of " + hostname + ": '" + alias + "'");
            }
        }
        addresses = List.copyOf(addresses);
    }

    /** A member with no aliases. */
    public static Member of(String hostname, InetAddress... addresses) {
        return new Member(hostname, List.of(), List.of(addresses));
    }
}
