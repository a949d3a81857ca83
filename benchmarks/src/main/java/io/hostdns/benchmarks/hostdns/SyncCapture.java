package io.hostdns.benchmarks.hostdns;

import io.hostdns.core.Answer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A subscriber for a resolution that completes during {@code subscribe} (a cache hit): it captures the
 * answer or the error, so the caller reads the result on its own thread without parking, as
 * {@code Mono.block()} might. One per subscription, as Reactive Streams requires.
 */
final class SyncCapture implements CoreSubscriber<Answer> {

    private @Nullable Answer answer;
    private @Nullable Throwable error;

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Answer next) {
        answer = next;
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onComplete() {
        // the answer, if any, arrived in onNext
    }

    /** The captured answer; fails when the resolution errored or has not completed synchronously. */
    Answer answer() {
        Answer a = answer;
        if (a != null) {
            return a;
        }
        throw new IllegalStateException(error != null ? "the resolution failed: " + error
                : "the resolution did not complete during subscribe (not a synchronous cache hit)", error);
    }
}
