package io.hostdns.examples;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import java.time.Duration;
import org.xbill.DNS.Type;

/**
 * Example 1, the {@code Mono} API: race two upstreams, fall back to a third, all under one deadline.
 * <pre>
 *   java -cp hostdns-examples-cli.jar io.hostdns.examples.RaceWithFallbackExample 1.1.1.1 8.8.8.8 9.9.9.9 example.com
 * </pre>
 * The two raced upstreams are asked at once; the first acceptable answer wins and the other attempt is
 * cancelled. When both fail, or both answer SERVFAIL or REFUSED, the third is asked with what is left of
 * the budget. When the budget runs out first, the result is a {@link io.hostdns.core.DnsTimeoutException}.
 */
public final class RaceWithFallbackExample {

    private RaceWithFallbackExample() {
    }

    /**
     * The composed resolver: {@code race(first, second)}, else {@code fallback}, within {@code deadline}.
     * Lazy and cancellable like every {@link Resolver}.
     */
    public static Resolver raceThenFallback(Upstream first, Upstream second, Upstream fallback, Duration deadline) {
        return Resolvers.withDeadline(Resolvers.fallback(Resolvers.race(first, second), fallback), deadline);
    }

    /** Resolves {@code args[3]} (type A) via upstreams {@code args[0..2]} and prints the answer. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: RaceWithFallbackExample FIRST SECOND FALLBACK NAME   (upstream specs, e.g. 1.1.1.1)");
            System.exit(2);
        }
        DnsResources resources = DnsResources.create("race-example", 1);
        try {
            UpstreamFactory factory = UpstreamFactory.create(resources);
            Resolver resolver = raceThenFallback(factory.create(0, args[0]), factory.create(1, args[1]),
                    factory.create(2, args[2]), Duration.ofSeconds(3));
            Answer answer = resolver.resolve(Query.of(args[3], Type.A)).block(Duration.ofSeconds(4));
            System.out.println(answer);
            System.out.println(answer == null ? "" : answer.message());
        } finally {
            resources.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
