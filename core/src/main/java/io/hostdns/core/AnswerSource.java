package io.hostdns.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link Answer} came from.
 *
 * @param kind     the stage that produced it
 * @param upstream the upstream that was asked, for {@link Kind#UPSTREAM} (and for cached or stale
 *                 answers when known); null otherwise
 */
public record AnswerSource(Kind kind, @Nullable UpstreamId upstream) {

    /** The stage of the pipeline that produced an answer. */
    public enum Kind {
        /** A live cache entry. */
        CACHE,
        /** An expired cache entry served because the upstreams failed or were too slow (RFC 8767). */
        STALE,
        /** A static host entry or the node's own name. */
        HOSTS,
        /** A cluster member name. */
        MEMBER,
        /** An upstream server, asked for this query. */
        UPSTREAM,
        /** Synthesised locally (for instance a SERVFAIL written when every upstream is down). */
        LOCAL
    }

    public static final AnswerSource CACHE = new AnswerSource(Kind.CACHE, null);
    public static final AnswerSource STALE = new AnswerSource(Kind.STALE, null);
    public static final AnswerSource HOSTS = new AnswerSource(Kind.HOSTS, null);
    public static final AnswerSource MEMBER = new AnswerSource(Kind.MEMBER, null);
    public static final AnswerSource LOCAL = new AnswerSource(Kind.LOCAL, null);

    public AnswerSource {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.UPSTREAM && upstream == null) {
            throw new IllegalArgumentException("an UPSTREAM source needs the upstream id");
        }
    }

    /** An answer from {@code upstream}, asked for this query. */
    public static AnswerSource upstream(UpstreamId upstream) {
        return new AnswerSource(Kind.UPSTREAM, Objects.requireNonNull(upstream, "upstream"));
    }

    @Override
    public String toString() {
        return upstream == null ? kind.name().toLowerCase(java.util.Locale.ROOT)
                : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + upstream;
    }
}
