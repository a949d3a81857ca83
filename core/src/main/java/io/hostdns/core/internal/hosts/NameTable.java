package io.hostdns.core.internal.hosts;

import io.hostdns.core.hosts.StaticHosts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * The immutable forward (name → addresses) and reverse (address → names) maps behind
 * {@link StaticHosts} and {@link MemberNames}. Keys are lower-cased names; values keep first-seen
 * order and no duplicates; pointers keep the names as written.
 */
public final class NameTable implements LocalNames {

    public static final NameTable EMPTY = new NameTable(Map.of(), Map.of());

    private final Map<Name, List<InetAddress>> forward;
    private final Map<Name, List<Name>> reverse;

    private NameTable(Map<Name, List<InetAddress>> forward, Map<Name, List<Name>> reverse) {
        this.forward = forward;
        this.reverse = reverse;
    }

    @Override
    public @Nullable List<InetAddress> addresses(Name name) {
        return forward.get(name.canonicalize());
    }

    @Override
    public List<Name> pointers(Name reverseName) {
        return reverse.getOrDefault(reverseName.canonicalize(), List.of());
    }

    @Override
    public boolean isEmpty() {
        return forward.isEmpty() && reverse.isEmpty();
    }

    /** Every owned name, forward and reverse, lower-cased. */
    public Set<Name> ownedNames() {
        Set<Name> all = new LinkedHashSet<>(forward.keySet());
        all.addAll(reverse.keySet());
        return all;
    }

    /** The lower-cased names whose answers differ between {@code before} and {@code after}. */
    public static Set<Name> changedNames(NameTable before, NameTable after) {
        Set<Name> changed = new LinkedHashSet<>();
        Set<Name> all = before.ownedNames();
        all.addAll(after.ownedNames());
        for (Name name : all) {
            if (!java.util.Objects.equals(before.forward.get(name), after.forward.get(name))
                    || !java.util.Objects.equals(before.reverse.get(name), after.reverse.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** Collects names and addresses; later additions append, duplicates are ignored. */
    public static final class Builder {
        private final Map<Name, Set<InetAddress>> forward = new LinkedHashMap<>();
        private final Map<Name, Set<Name>> reverse = new LinkedHashMap<>();

        /** Owns {@code name} with {@code addresses} (possibly none) and points each address back to it. */
        public Builder add(Name name, List<InetAddress> addresses) {
            Set<InetAddress> known = forward.computeIfAbsent(name.canonicalize(), k -> new LinkedHashSet<>());
            for (InetAddress address : addresses) {
                known.add(address);
                reverse.computeIfAbsent(ReverseMap.fromAddress(address).canonicalize(), k -> new LinkedHashSet<>())
                        .add(name);
            }
            return this;
        }

        public NameTable build() {
            Map<Name, List<InetAddress>> f = new LinkedHashMap<>();
            forward.forEach((k, v) -> f.put(k, List.copyOf(v)));
            Map<Name, List<Name>> r = new LinkedHashMap<>();
            reverse.forEach((k, v) -> r.put(k, List.copyOf(new ArrayList<>(v))));
            return new NameTable(Collections.unmodifiableMap(f), Collections.unmodifiableMap(r));
        }
    }

    /** {@code text} as an absolute name when it is a plausible host name (letters, digits, '-', '_', '.'). */
    public static @Nullable Name hostName(String text) {
        boolean plausible = !text.isEmpty() && !text.startsWith(".") && !text.contains("..")
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'));
        if (!plausible) {
            return null;
        }
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            return null;
        }
    }
}
