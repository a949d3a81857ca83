package io.hostdns.core.internal.hosts;

import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * A table of names this node answers for itself. Names compare case-insensitively (as DNS names do).
 * Implementations are immutable snapshots, safe to read from any thread.
 */
public interface LocalNames {

    /**
     * The addresses of {@code name}, IPv4 and IPv6 in table order; an empty list when the name is
     * owned but has no address (answered NODATA); null when the name is not owned (passed on).
     */
    @Nullable List<InetAddress> addresses(Name name);

    /**
     * The names that {@code reverseName} (an {@code in-addr.arpa.} or {@code ip6.arpa.} name) points to,
     * canonical name first; empty when the reverse name is not owned.
     */
    List<Name> pointers(Name reverseName);

    /** Whether the table owns no name at all. */
    boolean isEmpty();
}
