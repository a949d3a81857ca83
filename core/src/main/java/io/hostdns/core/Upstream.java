package io.hostdns.core;

import java.util.Objects;

/**
 * A resolver for one upstream server together with its identity, so that combinators, health
 * tracking and errors can name the server an attempt went to.
 *
 * @param id       who this upstream is
 * @param resolver how to ask it; its errors should name {@code id}
 */
public record Upstream(UpstreamId id, Resolver resolver) {

    public Upstream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
