package io.hostdns.transport.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The queries one listener (UDP) or one connection (TCP) is working on: counted, cancellable as a
 * group, and observable until the count drops to zero. Works from any thread: replies complete on
 * whatever thread the resolver answers on.
 */
final class InFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private volatile boolean draining;

    /**
     * Subscribes to {@code work}, counting it until it terminates or is cancelled; {@code onReply} gets
     * its value, {@code afterEach} runs once it is over (after the count went down).
     */
    <T> void track(Mono<T> work, Consumer<? super T> onReply, Runnable afterEach) {
        count.incrementAndGet();
        Slot slot = new Slot();
        Disposable subscription = work
                .doFinally(signal -> {
                    // done before remove: a concurrent track() that adds late sees it and removes again
                    slot.done = true;
                    slots.remove(slot);
                    if (count.decrementAndGet() == 0 && draining) {
                        drained.tryEmitEmpty();
                    }
                    afterEach.run();
                })
                .subscribe(onReply);
        slot.subscription = subscription;
        if (!slot.done) {
            slots.add(slot);
            if (slot.done) {
                slots.remove(slot);
            }
        }
    }

    /** Queries in flight now. */
    int count() {
        return count.get();
    }

    /** Whether {@link #drained()} was called: the owner stops taking new work. */
    boolean isDraining() {
        return draining;
    }

    /** Marks this draining and completes when nothing is in flight (at once if nothing is). */
    Mono<Void> drained() {
        draining = true;
        if (count.get() == 0) {
            drained.tryEmitEmpty();
        }
        return drained.asMono();
    }

    /** Cancels every query still in flight (their resolutions release what they hold). */
    void cancelAll() {
        draining = true;
        for (Slot slot : slots) {
            Disposable subscription = slot.subscription;
            if (subscription != null) {
                subscription.dispose();
            }
        }
    }

    private static final class Slot {
        volatile boolean done;
        volatile @Nullable Disposable subscription;
    }
}
