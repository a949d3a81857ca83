package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.Resolver;
import io.hostdns.core.trace.QueryTrace;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One named step of the forwarder's pipeline, like a CoreDNS plugin: given what comes after it, the
 * resolver that does this step and asks {@code next} for what it does not answer itself. The forwarder's
 * chain is a fold of its {@link StageList} over these; a terminal stage (the routes) never asks {@code next}.
 *
 * <p>A stage is data for one configuration: whatever state outlives a reconfiguration (the cache store, the
 * member table, the loop detector) is handed to it, never looked up from the forwarder, so a stage cannot
 * reach back into the forwarder's current pipeline.
 *
 * <p>Tracing is generic ({@link TracedStage}): a query carrying a {@link QueryTrace} goes through the chain
 * folded from {@link #tracedAround}, and each stage records that it passed the query on, answered it (the
 * answer's source as detail) or failed it. A stage says how it behaves when traced and how its events read.
 */
interface Stage {

    /** The stage's name in the stage list, the start-up log and traces, e.g. {@code cache}. */
    String name();

    /** What this stage does under its configuration, for the stage list, e.g. {@code at most 1000 in flight}. */
    String detail();

    /** The resolver doing this stage in front of {@code next}. */
    Resolver around(Resolver next);

    /** The resolver for queries that carry a trace; the same as {@link #around} unless the stage says otherwise. */
    default Resolver tracedAround(Resolver next) {
        return around(next);
    }

    /** The detail of this stage's "passed on" trace event (empty by default; the cache says {@code miss}). */
    default String passedOnDetail() {
        return "";
    }

    /** The detail of this stage's "answered" trace event: by default the answer's source. */
    default String answeredDetail(Answer answer) {
        return answer.source().toString();
    }

    /** Name and detail, as the forwarder shows its stages. */
    default HostDnsForwarder.StageDescription describe() {
        return new HostDnsForwarder.StageDescription(name(), detail());
    }

    /** A stage that is {@code around} applied to what comes next, answering (in traces) with the answer's source. */
    static Stage of(String name, String detail, UnaryOperator<Resolver> around) {
        return new Plain(name, detail, around, null);
    }

    /** As {@link #of(String, String, UnaryOperator)}, its own answers traced with a fixed detail. */
    static Stage of(String name, String detail, String answered, UnaryOperator<Resolver> around) {
        return new Plain(name, detail, around, answered);
    }

    /** The stage of {@link #of}. */
    record Plain(String name, String detail, UnaryOperator<Resolver> wrap, @Nullable String answered)
            implements Stage {
        @Override
        public Resolver around(Resolver next) {
            return wrap.apply(next);
        }

        @Override
        public String answeredDetail(Answer answer) {
            return answered != null ? answered : answer.source().toString();
        }
    }
}
