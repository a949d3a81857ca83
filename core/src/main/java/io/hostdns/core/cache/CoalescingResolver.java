package io.hostdns.core.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A decorator under which identical in-flight questions ({@link Query} equality: name, type, class,
 * DO, CD) share one delegate call.
 *
 * <p>The first subscriber starts the delegate call; subscribers that arrive while it runs join it
 * and receive the same answer or error. One joined subscriber cancelling leaves the call running
 * for the others; when the last one cancels, the delegate call is cancelled. A question asked after
 * the shared call has finished or been abandoned starts a new call. Like every {@link Resolver}, the
 * returned {@code Mono} is lazy: joining happens on subscription.
 */
public final class CoalescingResolver implements Resolver {

    private final Resolver delegate;
    private final ConcurrentHashMap<Query, SharedResolution> inFlight = new ConcurrentHashMap<>();
    private final LongAdder coalesced = new LongAdder();

    public CoalescingResolver(Resolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> join(query));
    }

    /** How many subscriptions joined a call already in flight instead of starting one. */
    public long coalescedQueries() {
        return coalesced.sum();
    }

    /** How many distinct questions are in flight now. */
    public int inFlight() {
        return inFlight.size();
    }

    private Mono<Answer> join(Query query) {
        while (true) {
            SharedResolution shared = inFlight.get(query);
            boolean leader = false;
            if (shared == null) {
                SharedResolution created = new SharedResolution();
                shared = inFlight.putIfAbsent(query, created);
                if (shared == null) {
                    shared = created;
                    leader = true;
                }
            }
            if (!shared.tryJoin()) {
                // Abandoned by its last subscriber a moment ago: clear it and start afresh.
                inFlight.remove(query, shared);
                continue;
            }
            SharedResolution joined = shared;
            if (leader) {
                joined.start(callDelegate(delegate, query), () -> inFlight.remove(query, joined));
            } else {
                coalesced.increment();
            }
            return joined.result().doOnCancel(() -> {
                if (joined.leave()) {
                    inFlight.remove(query, joined);
                    joined.abandon();
                }
            });
        }
    }

    /** The delegate's Mono, or its failure to make one as an error, so joiners never wait on nothing. */
    private static Mono<Answer> callDelegate(Resolver delegate, Query query) {
        try {
            return delegate.resolve(query).switchIfEmpty(Mono.error(() -> MalformedResponseException.noAnswer(null, query)));
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
    }

    /** One delegate call and the count of subscribers waiting for it; -1 once abandoned. */
    private static final class SharedResolution {
        private final Sinks.One<Answer> sink = Sinks.one();
        private final Disposable.Swap upstream = Disposables.swap();
        private final AtomicInteger subscribers = new AtomicInteger();

        boolean tryJoin() {
            while (true) {
                int n = subscribers.get();
                if (n < 0) {
                    return false;
                }
                if (subscribers.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        /** Counts one subscriber out; true when it was the last, which abandons the call for good. */
        boolean leave() {
            while (true) {
                int n = subscribers.get();
                if (n <= 0) {
                    return false;
                }
                int next = n == 1 ? -1 : n - 1;
                if (subscribers.compareAndSet(n, next)) {
                    return next < 0;
                }
            }
        }

        Mono<Answer> result() {
            return sink.asMono();
        }

        /** Subscribes to {@code source}; {@code onTerminate} runs before the outcome is published. */
        void start(Mono<Answer> source, Runnable onTerminate) {
            upstream.update(source.subscribe(
                    answer -> {
                        onTerminate.run();
                        sink.tryEmitValue(answer);
                    },
                    error -> {
                        onTerminate.run();
                        sink.tryEmitError(error);
                    },
                    () -> {
                        onTerminate.run();
                        // Passes an (illegal) empty completion through unchanged; no-op after a value.
                        sink.tryEmitEmpty();
                    }));
        }

        void abandon() {
            upstream.dispose();
        }
    }
}
