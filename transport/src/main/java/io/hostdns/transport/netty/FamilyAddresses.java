package io.hostdns.transport.netty;

import io.hostdns.core.Answer;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;

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
