package io.hostdns.core.trace;

import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** One thing that happened to a traced query; {@link #describe()} is its one-line text. */
public sealed interface TraceEvent {

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
    record Stage(String stage, StageOutcome outcome, String detail) implements TraceEvent {
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
    record Route(@Nullable Name domain) implements TraceEvent {
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
                   @Nullable String error) implements TraceEvent {
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
