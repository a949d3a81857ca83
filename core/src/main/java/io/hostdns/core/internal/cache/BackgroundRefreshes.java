package io.hostdns.core.internal.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The refreshes a cache runs on its own behalf (prefetch, and the delegate calls behind stale
 * answers): at most one per key, each subscribed independently of whoever triggered it, so a caller
 * cancelling or timing out does not stop it. Disposing cancels them all and refuses new ones.
 */
final class BackgroundRefreshes implements Disposable {

    private final ConcurrentHashMap<Query, Running> running = new ConcurrentHashMap<>();
    private volatile boolean disposed;

    /**
     * The refresh a call to {@link #refresh} joined or started.
     *
     * @param outcome the refreshed answer or the refresh's error, replayed to every subscriber
     * @param started whether this call started the refresh (false: it joined one already running)
     */
    record Refresh(Mono<Answer> outcome, boolean started) {
    }

    private static final class Running {
        private final Sinks.One<Answer> outcome = Sinks.one();
        private final Disposable.Swap subscription = Disposables.swap();
    }

    /**
     * Joins the refresh of {@code query} running now, or starts {@code source.apply(query)} as one.
     * After {@link #dispose()} nothing starts and the outcome is a {@link CancellationException}.
     */
    Refresh refresh(Query query, Function<Query, Mono<Answer>> source) {
        Running refresh = new Running();
        Running existing = running.putIfAbsent(query, refresh);
        if (existing != null) {
            return new Refresh(existing.outcome.asMono(), false);
        }
        if (disposed) {
            running.remove(query, refresh);
            return new Refresh(Mono.error(new CancellationException("cache disposed")), false);
        }
        Mono<Answer> call;
        try {
            call = source.apply(query);
        } catch (RuntimeException e) {
            call = Mono.error(e); // reported to whoever waits, and the key is freed below
        }
        // Swap.update disposes the subscription at once if dispose() ran meanwhile.
        refresh.subscription.update(call.subscribe(
                answer -> {
                    running.remove(query, refresh);
                    refresh.outcome.tryEmitValue(answer);
                },
                error -> {
                    running.remove(query, refresh);
                    refresh.outcome.tryEmitError(error);
                },
                () -> {
                    running.remove(query, refresh);
                    refresh.outcome.tryEmitEmpty(); // no-op after a value
                }));
        return new Refresh(refresh.outcome.asMono(), true);
    }

    /** How many refreshes are running. */
    int running() {
        return running.size();
    }

    @Override
    public void dispose() {
        disposed = true;
        for (var entry : running.entrySet()) {
            Running refresh = entry.getValue();
            running.remove(entry.getKey(), refresh);
            refresh.subscription.dispose();
            refresh.outcome.tryEmitError(new CancellationException("cache disposed"));
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
