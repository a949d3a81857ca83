package io.hostdns.core.internal.cache;

import io.hostdns.core.internal.wire.WireName;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A lookup key over a question that sits in a request's bytes: set it to the question of each request, look
 * the store up with it ({@link CacheStore#freshHit}), and the lookup reads the name in place, without copying
 * it into a {@link CacheKey}. It hashes like the {@link CacheKey} of the same question, and
 * {@link #equals} is true for that key.
 *
 * <p>Mutable and not thread-safe: one per thread (a server keeps one per event loop). It is only ever the
 * argument of a lookup, never stored in a map, so its one-sided {@code equals} (a probe equals keys, no key
 * equals a probe) does not break the map. It also carries what the last lookup found back to the caller.
 */
public final class QuestionProbe {

    private byte[] wire = new byte[0];
    private int nameStart;
    private int nameEnd;
    private int type;
    private int dclass;
    private int flags;
    private int hash;
    private int remainingTtl;
    private @Nullable CacheEntry found;

    /**
     * Points this probe at the question whose name is {@code wire[nameStart, nameEnd)} (uncompressed, as the
     * first question's name always is), with its type, class and the request's DO and CD bits. The array is
     * read, not copied: do not change it while the probe is in use.
     */
    public QuestionProbe set(byte[] wire, int nameStart, int nameEnd, int type, int dclass, boolean dnssecOk,
                             boolean checkingDisabled) {
        Objects.checkFromToIndex(nameStart, nameEnd, wire.length);
        this.wire = wire;
        this.nameStart = nameStart;
        this.nameEnd = nameEnd;
        this.type = type;
        this.dclass = dclass;
        this.flags = CacheKey.flags(dnssecOk, checkingDisabled);
        this.hash = CacheKey.hash(WireName.hashLowerCase(wire, nameStart, nameEnd), type, dclass, flags);
        return this;
    }

    /** Whole seconds of freshness left in the entry of the last {@link CacheStore#freshHit} that found one. */
    public int remainingTtl() {
        return remainingTtl;
    }

    void remainingTtl(int seconds) {
        this.remainingTtl = seconds;
    }

    /** The entry the last {@link CacheStore#freshHit} found, for {@link CacheStore#countHit}. */
    @Nullable CacheEntry found() {
        return found;
    }

    void found(@Nullable CacheEntry entry) {
        this.found = entry;
    }

    /** The {@link CacheKey} of this question, for when a probe must become a stored key. */
    CacheKey toKey() {
        byte[] name = new byte[nameEnd - nameStart];
        WireName.copyLowerCase(wire, nameStart, nameEnd, name, 0);
        return CacheKey.ofLowerCase(name, type, dclass, flags);
    }

    /** True for the {@link CacheKey} of the same question; false for everything else, other probes included. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CacheKey k) || k.hashCode() != hash || k.type() != type || k.dclass() != dclass
                || k.flags() != flags) {
            return false;
        }
        byte[] name = k.name();
        int length = nameEnd - nameStart;
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = wire[nameStart + i];
            if (name[i] != (b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toKey().toString();
    }
}
