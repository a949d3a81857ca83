package io.hostdns.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/**
 * The search domains and {@code ndots} threshold of a stub resolver, and the glibc rule that turns a
 * name as typed into the ordered list of absolute names to try.
 *
 * <p>The rule ({@code res_nsearch} in glibc):
 * <ul>
 *   <li>a name with a trailing dot is absolute: it is the only candidate, no search;</li>
 *   <li>a name with at least {@code ndots} dots is tried as is first, then with each search domain;</li>
 *   <li>a name with fewer dots is tried with each search domain first, then as is;</li>
 *   <li>with no search domains the name is only tried as is;</li>
 *   <li>a candidate longer than 255 octets is left out (glibc skips it too).</li>
 * </ul>
 *
 * @param domains the search domains, absolute, in order (empty: none)
 * @param ndots   dots a name needs to be tried as is first (glibc default 1, at most 15)
 */
public record SearchList(List<Name> domains, int ndots) {

    /** No search domains, {@code ndots:1}: every name is tried only as is. */
    public static final SearchList NONE = new SearchList(List.of(), 1);

    public SearchList {
        domains = List.copyOf(domains);
        for (Name domain : domains) {
            if (!domain.isAbsolute()) {
                throw new IllegalArgumentException("search domain must be absolute: " + domain);
            }
        }
        if (ndots < 0 || ndots > 15) {
            throw new IllegalArgumentException("ndots must be 0-15, was " + ndots);
        }
    }

    /** The search domains and {@code options ndots:N} of a resolv.conf. */
    public static SearchList from(ResolvConf conf) {
        return of(conf.search(), conf.options().ndots());
    }

    /**
     * A search list from domain texts such as {@code "svc.cluster.local"} (a trailing dot is allowed).
     *
     * @throws IllegalArgumentException when a domain is not a valid DNS name
     */
    public static SearchList of(List<String> domains, int ndots) {
        List<Name> names = new ArrayList<>(domains.size());
        for (String domain : domains) {
            try {
                names.add(Name.fromString(domain, Name.root));
            } catch (TextParseException e) {
                throw new IllegalArgumentException("not a valid search domain: '" + domain + "'", e);
            }
        }
        return new SearchList(names, ndots);
    }

    /**
     * The absolute names to try for {@code typed}, in the order glibc tries them.
     *
     * @param typed the name as typed: relative (searched) or absolute (tried alone)
     */
    public List<Name> candidates(Name typed) {
        Objects.requireNonNull(typed, "typed");
        if (typed.isAbsolute()) {
            return List.of(typed);
        }
        Name asIs = concatenate(typed, Name.root);
        List<Name> out = new ArrayList<>(domains.size() + 1);
        boolean asIsFirst = typed.labels() - 1 >= ndots;
        if (asIsFirst && asIs != null) {
            out.add(asIs);
        }
        for (Name domain : domains) {
            Name candidate = concatenate(typed, domain);
            if (candidate != null && !out.contains(candidate)) {
                out.add(candidate);
            }
        }
        if (!asIsFirst && asIs != null && !out.contains(asIs)) {
            out.add(asIs);
        }
        return out;
    }

    /** Whether {@code typed} is tried as is before the search domains. */
    public boolean triesAsIsFirst(Name typed) {
        return typed.isAbsolute() || typed.labels() - 1 >= ndots;
    }

    private static Name concatenate(Name prefix, Name suffix) {
        try {
            return Name.concatenate(prefix, suffix);
        } catch (NameTooLongException e) {
            // glibc skips a candidate that does not fit in 255 octets and goes on with the next one
            return null;
        }
    }
}
