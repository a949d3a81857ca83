package io.hostdns.core.internal.cache;

import io.hostdns.core.Query;
import io.hostdns.core.internal.wire.WireName;
import java.io.IOException;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The key of a cached answer: the question's name in lower-cased uncompressed wire form, its type and class,
 * and the DO and CD flags (the cache key of DESIGN.md, as {@link Query#equals} defines it). Immutable, with
 * the hash computed once.
 *
 * <p>Keys are made from a {@link Query} when an answer is stored or looked up by a resolver; a server that
 * holds the request's bytes looks up with a {@link QuestionProbe} instead, which hashes and compares those
 * bytes in place, so that a hit from a packet allocates no key and no dnsjava {@code Name}. Both hash the
 * same way ({@link #hash}).
 */
public final class CacheKey {

    /** DO in {@link #flags}. */
    static final int DNSSEC_OK = 0b10;
    /** CD in {@link #flags}. */
    static final int CHECKING_DISABLED = 0b01;

    private final byte[] name;
    private final int hash;
    private final char type;
    private final char dclass;
    private final byte flags;

    private CacheKey(byte[] name, int type, int dclass, int flags) {
        this.name = name;
        this.type = (char) type;
        this.dclass = (char) dclass;
        this.flags = (byte) flags;
        this.hash = hash(WireName.hashLowerCase(name, 0, name.length), type, dclass, flags);
    }

    /** The key of {@code query}: one lower-cased copy of its name. */
    public static CacheKey of(Query query) {
        return new CacheKey(query.name().toWireCanonical(), query.type(), query.dclass(),
                flags(query.dnssecOk(), query.checkingDisabled()));
    }

    /** The key of a name already lower-cased, owned by the key from now on. */
    static CacheKey ofLowerCase(byte[] name, int type, int dclass, int flags) {
        return new CacheKey(name, type, dclass, flags);
    }

    static int flags(boolean dnssecOk, boolean checkingDisabled) {
        return (dnssecOk ? DNSSEC_OK : 0) | (checkingDisabled ? CHECKING_DISABLED : 0);
    }

    /** The hash of a key from the hash of its lower-cased name ({@link WireName#hashLowerCase}) and the rest. */
    static int hash(int nameHash, int type, int dclass, int flags) {
        int h = 31 * nameHash + type;
        h = 31 * h + dclass;
        return 4 * h + flags;
    }

    /** The lower-cased wire form of the name; do not change it. */
    byte[] name() {
        return name;
    }

    int type() {
        return type;
    }

    int dclass() {
        return dclass;
    }

    int flags() {
        return flags;
    }

    /** Whether the name is {@code other} (lower-cased wire form), whatever the type, class and flags. */
    boolean hasName(byte[] other) {
        return Arrays.equals(name, other);
    }

    /** Estimated heap bytes of this key: the object and its name array. */
    int weight() {
        return 32 + 16 + name.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && hash == k.hash && type == k.type && dclass == k.dclass && flags == k.flags
                && Arrays.equals(name, k.name);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String owner;
        try {
            owner = new Name(name).toString();
        } catch (IOException e) {
            owner = "(unreadable name)";
        }
        return owner + " " + DClass.string(dclass) + " " + Type.string(type)
                + ((flags & DNSSEC_OK) != 0 ? " +do" : "") + ((flags & CHECKING_DISABLED) != 0 ? " +cd" : "");
    }
}
