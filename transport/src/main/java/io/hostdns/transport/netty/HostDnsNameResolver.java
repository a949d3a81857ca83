package io.hostdns.transport.netty;

import io.hostdns.transport.internal.AddressLookup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A Netty {@link InetNameResolver} over an {@link AddressLookup}. Netty calls it on an event loop, so it
 * never blocks: it subscribes to the lookup and completes the promise from the Reactor callbacks;
 * cancelling the promise cancels the lookup. Failures are {@link java.net.UnknownHostException}s that
 * name the host.
 */
final class HostDnsNameResolver extends InetNameResolver {

    private final AddressLookup lookup;

    HostDnsNameResolver(EventExecutor executor, AddressLookup lookup) {
        super(executor);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    protected void doResolve(String inetHost, Promise<InetAddress> promise) {
        complete(lookup.first(inetHost), promise);
    }

    @Override
    protected void doResolveAll(String inetHost, Promise<List<InetAddress>> promise) {
        complete(lookup.all(inetHost), promise);
    }

    private static <T> void complete(Mono<T> result, Promise<T> promise) {
        Disposable subscription = result.subscribe(promise::trySuccess, promise::tryFailure);
        promise.addListener((Future<T> done) -> {
            if (done.isCancelled()) {
                subscription.dispose();
            }
        });
    }
}
