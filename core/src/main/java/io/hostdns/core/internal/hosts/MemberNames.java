package io.hostdns.core.internal.hosts;

import io.hostdns.core.hosts.Member;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * An immutable table of cluster member names built from one member set, with Talos' matching rules:
 * a member answers to its hostname, to the first label of an FQDN hostname ({@code node1} for
 * {@code node1.example.com}) and to its aliases. Members sharing a name share it: the name gets the
 * union of their addresses. Link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}) are not
 * handed out: they are useless without an interface and are what made Talos answer unusable
 * addresses; a member left with none is answered NODATA.
 */
public final class MemberNames implements LocalNames {

    static final MemberNames EMPTY = new MemberNames(NameTable.EMPTY);

    private final NameTable table;

    private MemberNames(NameTable table) {
        this.table = table;
    }

    /** The table of {@code members}. */
    public static MemberNames of(Collection<Member> members) {
        NameTable.Builder builder = new NameTable.Builder();
        for (Member member : members) {
            List<InetAddress> usable = new ArrayList<>();
            for (InetAddress address : member.addresses()) {
                if (!address.isLinkLocalAddress()) {
                    usable.add(address);
                }
            }
            Name hostname = required(member.hostname());
            builder.add(hostname, usable);
            if (hostname.labels() > 2) { // more than one label before the root: an FQDN
                builder.add(required(hostname.getLabelString(0) + "."), usable);
            }
            for (String alias : member.aliases()) {
                builder.add(required(alias), usable);
            }
        }
        return new MemberNames(builder.build());
    }

    /** The lower-cased names whose answers differ between {@code before} and {@code after}. */
    public static Set<Name> changedNames(MemberNames before, MemberNames after) {
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

    private static Name required(String text) {
        Name name = NameTable.hostName(text);
        if (name == null) {
            throw new IllegalArgumentException("not a valid host name: '" + text + "'");
        }
        return name;
    }
}
