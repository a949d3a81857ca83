package io.hostdns.transport.reliability;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A scheduler that runs everything on a delegate but remembers every task and timer it was given, so a
 * test can check that none is left live (scheduled, periodic, or a worker not disposed) after shutdown.
 */
final class TrackingScheduler implements Scheduler {

    private final Scheduler delegate;
    private final Queue<Disposable> handed = new ConcurrentLinkedQueue<>();

    TrackingScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    private Disposable track(Disposable d) {
        handed.add(d);
        return d;
    }

    /** Tasks, timers and workers handed out and not yet finished or disposed. */
    long live() {
        return handed.stream().filter(d -> !d.isDisposed()).count();
    }

    @Override
    public Disposable schedule(Runnable task) {
        return track(delegate.schedule(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return track(delegate.schedule(task, delay, unit));
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return track(delegate.schedulePeriodically(task, initialDelay, period, unit));
    }

    @Override
    public long now(TimeUnit unit) {
        return delegate.now(unit);
    }

    @Override
    public Worker createWorker() {
        Worker worker = delegate.createWorker();
        track(worker);
        return worker;
    }

    @Override
    public void init() {
        delegate.init();
    }
}
