package io.hostdns.transport.forwarder.config;

import static io.hostdns.transport.forwarder.config.Durations.requireBetween;

import java.time.Duration;
import java.util.Objects;

/**
 * Time budgets of one forwarded query ({@code hostDNS.timeouts}). Talos gives each upstream 2 s and
 * the whole query 4.5 s but does not enforce the budget inside an attempt; here both are deadlines.
 *
 * @param attempt    the most one upstream attempt may take (1 ms-30 s; default 2 s)
 * @param overall    the whole query's budget, every attempt included (at least {@code attempt}, at most
 *                   60 s; default 4.5 s)
 * @param hedgeDelay how long to wait for an upstream before also asking the next one; 0 asks all at
 *                   once (a race); at most {@code attempt}; default 200 ms
 */
public record TimeoutConfig(Duration attempt, Duration overall, Duration hedgeDelay) {

    private static final String P = "hostDNS.timeouts.";

    public TimeoutConfig {
        requireBetween(P + "attempt", Objects.requireNonNull(attempt, "attempt"), Duration.ofMillis(1),
                Duration.ofSeconds(30));
        requireBetween(P + "overall", Objects.requireNonNull(overall, "overall"), attempt, Duration.ofSeconds(60));
        requireBetween(P + "hedgeDelay", Objects.requireNonNull(hedgeDelay, "hedgeDelay"), Duration.ZERO, attempt);
    }

    /** 2 s per attempt, 4.5 s overall, hedge after 200 ms. */
    public static TimeoutConfig defaults() {
        return new TimeoutConfig(Duration.ofSeconds(2), Duration.ofMillis(4500), Duration.ofMillis(200));
    }
}
