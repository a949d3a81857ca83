package io.hostdns.core.dnssec;

import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;

/** Name arithmetic the proofs need, on dnsjava's {@link Name} (whose {@code labels()} counts the root). */
final class Names {

    private static final Name WILDCARD_LABEL = Name.fromConstantString("*");

    private Names() {
    }

    /** {@code name} without its first label; the root for a top-level name. */
    static Name parent(Name name) {
        return new Name(name, 1);
    }

    /** The ancestor of {@code name} that has one label more than {@code ancestor} (which it is under). */
    static Name childOf(Name ancestor, Name name) {
        return new Name(name, name.labels() - ancestor.labels() - 1);
    }

    /** The wildcard directly under {@code name}: {@code *.name}. */
    static Name wildcardUnder(Name name) {
        try {
            return Name.concatenate(WILDCARD_LABEL, name);
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException("no wildcard fits under " + name, e);
        }
    }

    /** The longest name that both {@code a} and {@code b} are at or under. */
    static Name commonAncestor(Name a, Name b) {
        Name n = a;
        while (!b.subdomain(n)) {
            n = parent(n);
        }
        return n;
    }
}
