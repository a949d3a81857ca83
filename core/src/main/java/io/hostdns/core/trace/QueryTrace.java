package io.hostdns.core.trace;

import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
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

    private final List<Event> events = new ArrayList<>();
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
    public void record(Event event) {
        Objects.requireNonNull(event, "event");
        synchronized (events) {
            events.add(event);
        }
    }

    /** The events recorded so far, in the order they were recorded. */
    public List<Event> events() {
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
            return events.stream().filter(e -> e instanceof Event.Attempt a && a.hedge()).count();
        }
    }

    /** One line per event, numbered. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        List<Event> all = events();
        for (int i = 0; i < all.size(); i++) {
            text.append(i + 1).append(". ").append(all.get(i).describe()).append('\n');
        }
        return text.toString();
    }

    /** One thing that happened to a traced query; {@link #describe()} is its one-line text. */
    public sealed interface Event {

        /** A one-line human description, e.g. {@code cache: miss} or {@code upstream #000 udp 1.1.1.1:53: NOERROR in 12 ms}. */
        String describe();

        /** What a pipeline stage did with the query. */
        enum StageOutcome {
            /** The stage produced the answer. */
            ANSWERED,
            /** The stage did not own the query and passed it to the next one. */
            PASSED_ON,
            /** The stage itself failed the query (what the stages after it failed with is theirs). */
            FAILED
        }

        /**
         * A stage of the pipeline answered, passed the query on, or failed it.
         *
         * @param stage   the stage, e.g. {@code hosts}, {@code members}, {@code cache}
         * @param outcome answered, passed on or failed
         * @param detail  what exactly, e.g. {@code hit}, {@code stale}, {@code miss}, the answer's source or the
         *                failure; may be empty
         */
        record Stage(String stage, StageOutcome outcome, String detail) implements Event {
            public Stage {
                Objects.requireNonNull(stage, "stage");
                Objects.requireNonNull(outcome, "outcome");
                Objects.requireNonNull(detail, "detail");
            }

            @Override
            public String describe() {
                String what = switch (outcome) {
                    case ANSWERED -> "answered";
                    case PASSED_ON -> "passed on";
                    case FAILED -> "failed";
                };
                return stage + ": " + (detail.isEmpty() ? what : detail + " (" + what + ")");
            }
        }

        /**
         * The query was routed to an upstream group.
         *
         * @param domain the route's domain (split horizon), or null for the default upstreams
         */
        record Route(@Nullable Name domain) implements Event {
            @Override
            public String describe() {
                return domain == null ? "route: default upstreams" : "route: " + domain + " upstreams";
            }
        }

        /** How an upstream attempt ended. */
        enum AttemptOutcome {
            /** A response arrived (any rcode). */
            ANSWERED,
            /** The attempt failed (timeout, network, malformed response...). */
            FAILED,
            /** The attempt was cancelled: another attempt won, or a deadline cut it. */
            CANCELLED
        }

        /**
         * One upstream attempt.
         *
         * @param upstream the upstream asked (its protocol included)
         * @param hedge    whether it started while another attempt was still running
         * @param latency  from its start to its end
         * @param outcome  how it ended
         * @param rcode    the response's rcode when answered, else -1
         * @param error    the failure's text when failed, else null
         */
        record Attempt(UpstreamId upstream, boolean hedge, Duration latency, AttemptOutcome outcome, int rcode,
                       @Nullable String error) implements Event {
            public Attempt {
                Objects.requireNonNull(upstream, "upstream");
                Objects.requireNonNull(latency, "latency");
                Objects.requireNonNull(outcome, "outcome");
            }

            @Override
            public String describe() {
                String result = switch (outcome) {
                    case ANSWERED -> Rcode.string(rcode);
                    case FAILED -> "failed: " + error;
                    case CANCELLED -> "cancelled";
                };
                return "upstream " + upstream + (hedge ? " (hedge)" : "") + ": " + result + " in "
                        + String.format(java.util.Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6);
            }
        }
    }
}
