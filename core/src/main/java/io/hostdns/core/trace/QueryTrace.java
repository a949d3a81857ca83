package io.hostdns.core.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The record of how one query travelled through a pipeline: which stages answered or passed it on, and
 * every upstream attempt with its latency and outcome. Created by the caller, attached to the resolution's
 * Reactor {@link Context} with {@link #attach(Mono)}, filled by tracing decorators, read with
 * {@link #events()} once the resolution has ended.
 *
 * <p>Decorators look the trace up with {@link #current(ContextView)}; when there is none they do nothing,
 * so an untraced query pays one context lookup per decorated stage. Thread-safe: attempts of a hedge run
 * on several threads at once. One trace belongs to one resolution.
 */
public final class QueryTrace {

    /** The Reactor Context key under which a trace travels. */
    public static final Object CONTEXT_KEY = QueryTrace.class;

    private final List<TraceEvent> events = new ArrayList<>();
    private final AtomicInteger attemptsRunning = new AtomicInteger();
    private final AtomicInteger attemptsStarted = new AtomicInteger();

    /** An empty trace. */
    public QueryTrace() {
    }

    /** The trace in {@code context}, or null when the resolution is not traced. */
    public static @Nullable QueryTrace current(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }

    /** {@code resolution} with this trace in its Context, so the decorators inside record into it. */
    public <T> Mono<T> attach(Mono<T> resolution) {
        Objects.requireNonNull(resolution, "resolution");
        return resolution.contextWrite(context -> context.put(CONTEXT_KEY, this));
    }

    /** Appends an event. */
    public void record(TraceEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (events) {
            events.add(event);
        }
    }

    /** The events recorded so far, in the order they were recorded. */
    public List<TraceEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * Marks an upstream attempt as started; returns whether it is a hedge, that is, an attempt started
     * while another attempt of this trace was still running. Pair with {@link #attemptEnded()}.
     */
    public boolean attemptStarted() {
        attemptsStarted.incrementAndGet();
        return attemptsRunning.getAndIncrement() > 0;
    }

    /** Marks an upstream attempt as ended (answered, failed or cancelled). */
    public void attemptEnded() {
        attemptsRunning.decrementAndGet();
    }

    /** How many upstream attempts were started. */
    public int attempts() {
        return attemptsStarted.get();
    }

    /** How many attempts were hedges. */
    public long hedges() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof TraceEvent.Attempt a && a.hedge()).count();
        }
    }

    /** One line per event, numbered. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        List<TraceEvent> all = events();
        for (int i = 0; i < all.size(); i++) {
            text.append(i + 1).append(". ").append(all.get(i).describe()).append('\n');
        }
        return text.toString();
    }
}
