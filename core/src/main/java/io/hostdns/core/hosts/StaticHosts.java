package io.hostdns.core.hosts;

import io.hostdns.core.internal.hosts.NameTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * An immutable table of static host names: configuration entries, hosts-file lines and the node's
 * own hostname and FQDN. Names match case-insensitively; a name listed several times gets the union
 * of its addresses in first-seen order; a reverse name points to every name of its address, the
 * first-listed (canonical) one first. Build with {@link #builder()}.
 */
public final class StaticHosts {

    private final NameTable table;

    private StaticHosts(NameTable table) {
        this.table = table;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /**
     * The lower-cased names (reverse names included) whose answers differ between two tables, for
     * invalidating cached answers when the static hosts are reconfigured.
     */
    public static Set<Name> changedNames(StaticHosts before, StaticHosts after) {
        return NameTable.changedNames(before.table, after.table);
    }

    /** The table the rules of {@link HostsResolver} answer from. */
    NameTable table() {
        return table;
    }

    /**
     * The addresses of {@code name} (any case), IPv4 and IPv6 in table order; an empty list when the name is
     * owned but has no address (answered NODATA); null when the name is not owned (passed on).
     */
    public @Nullable List<InetAddress> addresses(Name name) {
        return table.addresses(name);
    }

    /**
     * The names that {@code reverseName} (an {@code in-addr.arpa.} or {@code ip6.arpa.} name) points to,
     * canonical name first; empty when the reverse name is not owned.
     */
    public List<Name> pointers(Name reverseName) {
        return table.pointers(reverseName);
    }

    /** Whether the table owns no name at all. */
    public boolean isEmpty() {
        return table.isEmpty();
    }

    /**
     * The immutable builder of a {@link StaticHosts}: every method returns a new builder with the entries
     * added (in order), leaving this one as it was.
     */
    public static final class Builder {
        private final List<Entry> entries;

        private Builder(List<Entry> entries) {
            this.entries = entries;
        }

        private record Entry(Name name, List<InetAddress> addresses) {
        }

        private Builder plus(List<Entry> added) {
            List<Entry> all = new ArrayList<>(entries.size() + added.size());
            all.addAll(entries);
            all.addAll(added);
            return new Builder(List.copyOf(all));
        }

        /** Owns {@code name} (absolute) with {@code addresses}; with none, the name is answered NODATA. */
        public Builder add(Name name, List<InetAddress> addresses) {
            return plus(List.of(entry(name, addresses)));
        }

        /** Every entry of a map such as {@code HostDnsConfig.staticHosts()}. */
        public Builder addAll(Map<Name, List<InetAddress>> map) {
            List<Entry> added = new ArrayList<>(map.size());
            map.forEach((name, addresses) -> added.add(entry(name, addresses)));
            return plus(added);
        }

        /** Every usable line of {@code file}; its problems are the caller's to report or refuse. */
        public Builder hostsFile(HostsFile file) {
            List<Entry> added = new ArrayList<>();
            for (HostsFile.Entry line : file.entries()) {
                for (Name name : line.names()) {
                    added.add(new Entry(name, List.of(line.address())));
                }
            }
            return plus(added);
        }

        /**
         * The node's own names: {@code hostname} and, when given, {@code fqdn}, both with {@code addresses}
         * (no addresses: both answered NODATA, never forwarded).
         *
         * @param hostname the short host name, e.g. {@code node1}
         * @param fqdn     the fully qualified name, e.g. {@code node1.example.com}, or null
         */
        public Builder node(String hostname, @Nullable String fqdn, List<InetAddress> addresses) {
            List<String> names = new ArrayList<>();
            names.add(hostname);
            if (fqdn != null) {
                names.add(fqdn);
            }
            List<Entry> added = new ArrayList<>();
            for (String text : names) {
                Name name = NameTable.hostName(text);
                if (name == null) {
                    throw new IllegalArgumentException("not a valid host name: '" + text + "'");
                }
                added.add(new Entry(name, List.copyOf(addresses)));
            }
            return plus(added);
        }

        public StaticHosts build() {
            NameTable.Builder table = new NameTable.Builder();
            for (Entry entry : entries) {
                table.add(entry.name(), entry.addresses());
            }
            return new StaticHosts(table.build());
        }

        private static Entry entry(Name name, List<InetAddress> addresses) {
            if (!name.isAbsolute()) {
                throw new IllegalArgumentException("host name must be absolute: " + name);
            }
            return new Entry(name, List.copyOf(addresses));
        }
    }
}
