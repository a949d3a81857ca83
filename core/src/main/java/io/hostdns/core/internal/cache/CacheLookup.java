package io.hostdns.core.internal.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The {@code Mono} that a {@link CacheStore}'s resolvers (and so {@link CachingResolver#resolve}) return:
 * lazy, it consults the store when subscribed, and again at each subscription.
 *
 * <p>A cache hit is the hot path of everything hostdns does, so for its first subscriber this object
 * is also the subscription that delivers the cached answer: a hit then allocates nothing but this
 * {@code Mono} (no thread hop, no parse, no scalar subscription). Later subscribers, and misses, are
 * subscribed to the {@code Mono} the cache returned, as usual.
 */
final class CacheLookup extends Mono<Answer> implements Subscription {

    private static final int UNUSED = 0;
    private static final int WAITING_FOR_REQUEST = 1;
    private static final int DONE = 2;
    private static final AtomicIntegerFieldUpdater<CacheLookup> STATE =
            AtomicIntegerFieldUpdater.newUpdater(CacheLookup.class, "state");

    private final CacheStore store;
    private final Resolver delegate;
    private final Query query;
    /** UNUSED until a subscriber takes this object as its subscription; then WAITING_FOR_REQUEST, DONE. */
    private volatile int state;
    private @Nullable CoreSubscriber<? super Answer> actual;
    private @Nullable Answer answer;

    CacheLookup(CacheStore store, Resolver delegate, Query query) {
        this.store = store;
        this.delegate = delegate;
        this.query = query;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Answer> subscriber) {
        Mono<Answer> source;
        try {
            source = store.lookup(query, delegate);
        } catch (RuntimeException e) {
            Operators.error(subscriber, e);
            return;
        }
        if (source instanceof Fuseable.ScalarCallable<?> scalar && STATE.compareAndSet(this, UNUSED, WAITING_FOR_REQUEST)) {
            Answer hit;
            try {
                hit = (Answer) scalar.call();
            } catch (Exception e) {
                state = DONE;
                Operators.error(subscriber, e);
                return;
            }
            if (hit != null) {
                this.answer = hit;
                this.actual = subscriber;
                subscriber.onSubscribe(this);
                return;
            }
            state = DONE;
        }
        source.subscribe(subscriber);
    }

    /**
     * Delivers the hit on the first positive request. No atomic needed: Reactive Streams rule 2.7 has the
     * subscriber call {@code request} and {@code cancel} serially.
     */
    @Override
    public void request(long n) {
        CoreSubscriber<? super Answer> subscriber = actual;
        Answer hit = answer;
        if (state != WAITING_FOR_REQUEST || subscriber == null || hit == null) {
            return;
        }
        state = DONE;
        if (n <= 0) {
            subscriber.onError(Operators.onOperatorError(
                    new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n),
                    subscriber.currentContext()));
            return;
        }
        subscriber.onNext(hit);
        subscriber.onComplete();
    }

    @Override
    public void cancel() {
        state = DONE;
    }
}
