package io.hostdns.core;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A resolver for one upstream server together with its identity, so that health tracking, errors and
 * status lines can name the server an attempt went to. It is itself a {@link Resolver} (asking it asks
 * {@code resolver}), so upstreams and any other resolvers mix freely in the combinators of {@link Resolvers}.
 *
 * @param id       who this upstream is
 * @param resolver how to ask it; its errors should name {@code id}
 */
public record Upstream(UpstreamId id, Resolver resolver) implements Resolver {

    public Upstream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        return resolver.resolve(query);
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
