package io.hostdns.core.dnssec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A future whose {@code *Async} continuations without an explicit executor, and those of every future
 * derived from it, run on the given executor instead of {@code ForkJoinPool.commonPool()}: dnsjava's
 * validator chains its key-fetching steps with {@code thenComposeAsync(fn)}, and this keeps those steps
 * on the resolution's own {@link ValidationRun}.
 */
final class RunFuture<T> extends CompletableFuture<T> {

    private final Executor executor;

    RunFuture(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Executor defaultExecutor() {
        return executor;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new RunFuture<>(executor);
    }
}
