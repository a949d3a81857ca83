package io.hostdns.core.internal.combine;

import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** Every combinator and the upstream group keep the {@link Resolver} contract. */
class CombinatorContractTest {

    @Nested
    class Race extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return Resolvers.race(upstream);
        }
    }

    @Nested
    class Hedge extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return Resolvers.hedge(Duration.ofMillis(50), upstream);
        }
    }

    @Nested
    class Fallback extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return Resolvers.fallback(upstream);
        }
    }

    @Nested
    class Deadline extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return Resolvers.withDeadline(
                    Resolvers.fallback(Resolvers.withAttemptTimeout(upstream, Duration.ofSeconds(2))));
        }
    }

    @Nested
    class Group extends ResolverContract {
        @Override
        protected Resolver resolverOver(Upstream upstream) {
            return Resolvers.group().upstreams(upstream).build();
        }
    }
}
