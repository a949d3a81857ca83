package io.hostdns.core.cache;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The {@code Mono} that {@link CachingResolver#resolve} returns: lazy, it consults the cache when
 * subscribed, and again at each subscription.
 *
 * <p>A cache hit is the hot path of everything hostdns does, so for its first subscriber this object
 * is also the subscription that delivers the cached answer: a hit then allocates nothing but this
 * {@code Mono} (no thread hop, no parse, no scalar subscription). Later subscribers, and misses, are
 * subscribed to the {@code Mono} the cache returned, as usual.
 */
final class CacheLookup extends Mono<Answer> implements Subscription {

    private static final AtomicIntegerFieldUpdater<CacheLookup> SUBSCRIBED =
            AtomicIntegerFieldUpdater.newUpdater(CacheLookup.class, "subscribed");
    private static final AtomicIntegerFieldUpdater<CacheLookup> DONE =
            AtomicIntegerFieldUpdater.newUpdater(CacheLookup.class, "done");

    private final CachingResolver cache;
    private final Query query;
    private volatile int subscribed;
    private volatile int done;
    private @Nullable CoreSubscriber<? super Answer> actual;
    private @Nullable Answer answer;

    CacheLookup(CachingResolver cache, Query query) {
        this.cache = cache;
        this.query = query;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Answer> subscriber) {
        Mono<Answer> source;
        try {
            source = cache.lookup(query);
        } catch (RuntimeException e) {
            Operators.error(subscriber, e);
            return;
        }
        if (source instanceof Fuseable.ScalarCallable<?> scalar && SUBSCRIBED.compareAndSet(this, 0, 1)) {
            Answer hit;
            try {
                hit = (Answer) scalar.call();
            } catch (Exception e) {
                Operators.error(subscriber, e);
                return;
            }
            if (hit != null) {
                this.answer = hit;
                this.actual = subscriber;
                subscriber.onSubscribe(this);
                return;
            }
        }
        source.subscribe(subscriber);
    }

    @Override
    public void request(long n) {
        CoreSubscriber<? super Answer> subscriber = actual;
        Answer hit = answer;
        if (subscriber == null || hit == null) {
            return;
        }
        if (n <= 0) {
            if (DONE.compareAndSet(this, 0, 1)) {
                subscriber.onError(Operators.onOperatorError(
                        new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n),
                        subscriber.currentContext()));
            }
            return;
        }
        if (DONE.compareAndSet(this, 0, 1)) {
            subscriber.onNext(hit);
            subscriber.onComplete();
        }
    }

    @Override
    public void cancel() {
        done = 1;
    }
}
