package io.hostdns.core.upstream;

import io.hostdns.core.Upstream;
import io.hostdns.core.health.HealthThresholds;
import io.hostdns.core.health.ProbeSettings;
import java.time.Duration;
import java.util.List;
import reactor.core.scheduler.Scheduler;

/**
 * Everything an {@link UpstreamGroup} is built from, as its {@link UpstreamGroup.Builder} collected it; the
 * group reads this record, never the builder. Each {@code with} method returns a changed copy.
 */
record GroupSettings(List<Upstream> upstreams, UpstreamPolicy policy, GroupStrategy strategy,
                     AnswerPredicate predicate, Duration attemptTimeout, Duration deadline,
                     HealthThresholds thresholds, ProbeSettings probes, UpstreamGroup.AllDown allDown,
                     Scheduler scheduler) {

    GroupSettings withUpstreams(List<Upstream> value) {
        return new GroupSettings(value, policy, strategy, predicate, attemptTimeout, deadline, thresholds,
                probes, allDown, scheduler);
    }

    GroupSettings withPolicy(UpstreamPolicy value) {
        return new GroupSettings(upstreams, value, strategy, predicate, attemptTimeout, deadline, thresholds,
                probes, allDown, scheduler);
    }

    GroupSettings withStrategy(GroupStrategy value) {
        return new GroupSettings(upstreams, policy, value, predicate, attemptTimeout, deadline, thresholds,
                probes, allDown, scheduler);
    }

    GroupSettings withPredicate(AnswerPredicate value) {
        return new GroupSettings(upstreams, policy, strategy, value, attemptTimeout, deadline, thresholds,
                probes, allDown, scheduler);
    }

    GroupSettings withAttemptTimeout(Duration value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, value, deadline, thresholds, probes,
                allDown, scheduler);
    }

    GroupSettings withDeadline(Duration value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, attemptTimeout, value, thresholds,
                probes, allDown, scheduler);
    }

    GroupSettings withThresholds(HealthThresholds value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, attemptTimeout, deadline, value,
                probes, allDown, scheduler);
    }

    GroupSettings withProbes(ProbeSettings value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, attemptTimeout, deadline, thresholds,
                value, allDown, scheduler);
    }

    GroupSettings withAllDown(UpstreamGroup.AllDown value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, attemptTimeout, deadline, thresholds,
                probes, value, scheduler);
    }

    GroupSettings withScheduler(Scheduler value) {
        return new GroupSettings(upstreams, policy, strategy, predicate, attemptTimeout, deadline, thresholds,
                probes, allDown, value);
    }
}
