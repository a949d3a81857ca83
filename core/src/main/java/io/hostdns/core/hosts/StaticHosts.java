package io.hostdns.core.hosts;

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
public final class StaticHosts implements LocalNames {

    private final NameTable table;

    private StaticHosts(NameTable table) {
        this.table = table;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The lower-cased names (reverse names included) whose answers differ between two tables, for
     * invalidating cached answers when the static hosts are reconfigured.
     */
    public static Set<Name> changedNames(StaticHosts before, StaticHosts after) {
        return NameTable.changedNames(before.table, after.table);
    }

    @Override
    public @Nullable List<InetAddress> addresses(Name name) {
        return table.addresses(name);
    }

    @Override
    public List<Name> pointers(Name reverseName) {
        return table.pointers(reverseName);
    }

    @Override
    public boolean isEmpty() {
        return table.isEmpty();
    }

    /** Collects entries for a {@link StaticHosts}; not thread-safe. */
    public static final class Builder {
        private final NameTable.Builder table = new NameTable.Builder();

        private Builder() {
        }

        /** Owns {@code name} (absolute) with {@code addresses}; with none, the name is answered NODATA. */
        public Builder add(Name name, List<InetAddress> addresses) {
            if (!name.isAbsolute()) {
                throw new IllegalArgumentException("host name must be absolute: " + name);
            }
            table.add(name, addresses);
            return this;
        }

        /** Every entry of a map such as {@code HostDnsConfig.staticHosts()}. */
        public Builder addAll(Map<Name, List<InetAddress>> entries) {
            entries.forEach(this::add);
            return this;
        }

        /** Every usable line of {@code file}; its problems are the caller's to report or refuse. */
        public Builder hostsFile(HostsFile file) {
            for (HostsFile.Entry entry : file.entries()) {
                for (Name name : entry.names()) {
                    table.add(name, List.of(entry.address()));
                }
            }
            return this;
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
            for (String text : names) {
                Name name = HostsFile.hostName(text);
                if (name == null) {
                    throw new IllegalArgumentException("not a valid host name: '" + text + "'");
                }
                table.add(name, addresses);
            }
            return this;
        }

        public StaticHosts build() {
            return new StaticHosts(table.build());
        }
    }
}
