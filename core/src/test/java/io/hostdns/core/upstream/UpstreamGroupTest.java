package io.hostdns.core.upstream;

import static io.hostdns.core.upstream.Fakes.QUERY;
import static io.hostdns.core.upstream.Fakes.answer;
import static io.hostdns.core.upstream.Fakes.answering;
import static io.hostdns.core.upstream.Fakes.failing;
import static io.hostdns.core.upstream.Fakes.fake;
import static io.hostdns.core.upstream.Fakes.id;
import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.AllUpstreamsDownException;
import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.DnsUnreachableException;
import io.hostdns.core.health.UpstreamStatus;
import io.hostdns.core.upstream.Fakes.Fake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The group end to end, on a virtual clock advanced by hand (the group's probes share that clock). */
class UpstreamGroupTest {

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final List<UpstreamGroup> groups = new ArrayList<>();

    @AfterEach
    void disposeAll() {
        groups.forEach(UpstreamGroup::dispose);
        vts.dispose();
    }

    private UpstreamGroup.Builder builder(Fake... fakes) {
        return UpstreamGroup.builder().scheduler(vts)
                .upstreams(java.util.Arrays.stream(fakes).map(f -> f.upstream).toList());
    }

    private UpstreamGroup build(UpstreamGroup.Builder builder) {
        UpstreamGroup group = builder.build();
        groups.add(group);
        return group;
    }

    /** Subscribes, advances the clock by {@code time}, and returns what arrived (answer or error). */
    private Object resolve(UpstreamGroup group, Duration time) {
        AtomicReference<Object> result = new AtomicReference<>();
        group.resolve(QUERY).subscribe(result::set, result::set);
        vts.advanceTimeBy(time);
        assertThat(result.get()).as("resolution finished within %s", time).isNotNull();
        return result.get();
    }

    private static Fake unreachableUntil(int i, AtomicBoolean up) {
        return fake(i, q -> up.get() ? Mono.just(answer(i, Rcode.NOERROR))
                : Mono.error(new DnsUnreachableException(id(i), "network is unreachable", null)));
    }

    @Test
    void group_skipsDownUpstream_andFailsOverImmediatelyOnUnreachable() {
        Fake dead = unreachableUntil(0, new AtomicBoolean(false));
        Fake good = answering(1, Rcode.NOERROR);
        UpstreamGroup group = build(builder(dead, good));

        Answer first = (Answer) resolve(group, Duration.ZERO);
        assertThat(first.source().upstream()).isEqualTo(id(1));
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.DOWN);

        Answer second = (Answer) resolve(group, Duration.ZERO);
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(dead.calls).hasValue(1);
    }

    @Test
    void group_failsFast_whenAllUpstreamsAreDown_askingNone() {
        Fake a = unreachableUntil(0, new AtomicBoolean(false));
        Fake b = unreachableUntil(1, new AtomicBoolean(false));
        UpstreamGroup group = build(builder(a, b));
        assertThat(resolve(group, Duration.ZERO)).isInstanceOf(DnsUnreachableException.class);

        Object result = resolve(group, Duration.ZERO);
        assertThat(result).isInstanceOf(AllUpstreamsDownException.class);
        assertThat(((AllUpstreamsDownException) result).upstreams()).containsExactly(id(0), id(1));
        assertThat(List.of(a.calls.get(), b.calls.get())).containsExactly(1, 1);
    }

    @Test
    void group_triesAnyway_whenAllDown_andARealQuerySuccessBringsTheUpstreamBack() {
        AtomicBoolean up = new AtomicBoolean(false);
        Fake a = unreachableUntil(0, up);
        UpstreamGroup group = build(builder(a).whenAllDown(UpstreamGroup.AllDown.TRY_ANYWAY));
        assertThat(resolve(group, Duration.ZERO)).isInstanceOf(DnsUnreachableException.class);
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.DOWN);

        up.set(true);
        Answer answer = (Answer) resolve(group, Duration.ZERO);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.HEALTHY);
        assertThat(a.calls).hasValue(2);
    }

    @Test
    void probeAll_asksEveryUpstreamOnce_downOnesIncluded_andRecordsEachOutcome() {
        Fake dead = unreachableUntil(0, new AtomicBoolean(false));
        Fake good = answering(1, Rcode.NOERROR);
        Fake black = silent(2);
        UpstreamGroup group = build(builder(dead, good, black).attemptTimeout(Duration.ofMillis(300)));
        resolve(group, Duration.ZERO);
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.DOWN);

        AtomicBoolean done = new AtomicBoolean();
        group.probeAll().subscribe(null, e -> { }, () -> done.set(true));
        vts.advanceTimeBy(Duration.ofMillis(299));
        assertThat(done).isFalse();
        vts.advanceTimeBy(Duration.ofMillis(1));

        assertThat(done).isTrue();
        assertThat(dead.calls).hasValue(2);
        assertThat(good.calls).hasValue(2);
        assertThat(black.calls).hasValue(1);
        assertThat(dead.queries.get(1).name().toString()).isEqualTo(".");
        assertThat(group.status()).extracting(st -> st.count(UpstreamStatus.Outcome.OK),
                        st -> st.count(UpstreamStatus.Outcome.UNREACHABLE), st -> st.count(UpstreamStatus.Outcome.TIMEOUT))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2L, 0L, 0L), org.assertj.core.groups.Tuple.tuple(0L, 0L, 1L));
    }

    @Test
    void group_downUpstreamComesBack_afterASuccessfulProbe() {
        AtomicBoolean up = new AtomicBoolean(false);
        Fake primary = unreachableUntil(0, up);
        Fake secondary = answering(1, Rcode.NOERROR);
        UpstreamGroup group = build(builder(primary, secondary));
        resolve(group, Duration.ZERO);
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.DOWN);

        up.set(true);
        vts.advanceTimeBy(Duration.ofMillis(500));
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.HEALTHY);
        Answer answer = (Answer) resolve(group, Duration.ZERO);
        assertThat(answer.source().upstream()).isEqualTo(id(0));
    }

    @Test
    void group_timesOutEachAttempt_recordsItInHealth_andKeepsToTheDeadline() {
        Fake a = silent(0);
        Fake b = silent(1);
        Fake c = silent(2);
        UpstreamGroup group = build(builder(a, b, c));

        Object result = resolve(group, Duration.ofMillis(4500));
        assertThat(result).isInstanceOf(DnsTimeoutException.class);
        assertThat(((DnsTimeoutException) result).upstream()).isNull();
        List<UpstreamStatus> status = group.status();
        assertThat(status.get(0).count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
        assertThat(status.get(1).count(UpstreamStatus.Outcome.TIMEOUT)).isEqualTo(1);
        // Cut by the overall deadline: cancelled, which is not the upstream's failure.
        assertThat(status.get(2).count(UpstreamStatus.Outcome.TIMEOUT)).isZero();
        assertThat(status.get(0).state()).isEqualTo(UpstreamStatus.State.DEGRADED);
        assertThat(c.cancels).hasValue(1);
    }

    @Test
    void group_healthOrdered_prefersTheHealthierUpstream() {
        AtomicBoolean up = new AtomicBoolean(true);
        Fake flaky = fake(0, q -> up.get() ? Mono.just(answer(0, Rcode.NOERROR))
                : Mono.error(new io.hostdns.core.DnsNetworkException(id(0), "reset", null)));
        Fake steady = answering(1, Rcode.NOERROR);
        UpstreamGroup group = build(builder(flaky, steady).policy(UpstreamPolicy.HEALTH_ORDERED));

        assertThat(((Answer) resolve(group, Duration.ZERO)).source().upstream()).isEqualTo(id(0));
        up.set(false);
        assertThat(((Answer) resolve(group, Duration.ZERO)).source().upstream()).isEqualTo(id(1));
        assertThat(group.status().get(0).state()).isEqualTo(UpstreamStatus.State.DEGRADED);
        assertThat(((Answer) resolve(group, Duration.ZERO)).attempts()).isEqualTo(1);
        assertThat(flaky.calls).hasValue(2);
    }

    @Test
    void group_statusChanges_emitTransitions_andCompleteOnDispose() {
        AtomicBoolean up = new AtomicBoolean(false);
        UpstreamGroup group = build(builder(unreachableUntil(0, up), answering(1, Rcode.NOERROR)));
        List<String> seen = new ArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        group.statusChanges().subscribe(s -> seen.add(s.id() + " " + s.state()), e -> { }, () -> completed.set(true));

        resolve(group, Duration.ZERO);
        up.set(true);
        vts.advanceTimeBy(Duration.ofMillis(500));
        group.dispose();

        assertThat(seen).containsExactly("#000 udp 10.0.0.1:53 DOWN", "#000 udp 10.0.0.1:53 HEALTHY");
        assertThat(completed).isTrue();
        assertThat(group.isDisposed()).isTrue();
    }

    @Test
    void group_adaptiveHedgeDelay_exploresUnmeasuredUpstreams_thenFollowsTheBestMeasuredTail() {
        AtomicReference<Duration> primaryRtt = new AtomicReference<>(Duration.ofMillis(40));
        Fake primary = fake(0, q -> Mono.delay(primaryRtt.get(), vts).map(t -> answer(0, Rcode.NOERROR)));
        Fake secondary = answering(1, Rcode.NOERROR, Duration.ofMillis(30), vts);
        UpstreamGroup group = build(builder(primary, secondary).strategy(GroupStrategy.adaptiveHedge()));

        // Nothing measured: the hedge fires at the floor (10 ms), so the secondary is tried and measured.
        Answer first = (Answer) resolve(group, Duration.ofMillis(40));
        assertThat(secondary.calls).hasValue(1);
        assertThat(first.source().upstream()).isEqualTo(id(0));
        assertThat(group.status().get(1).rttMean()).isEqualTo(Duration.ofMillis(30));

        // Both measured: the delay is the best healthy tail, no longer the floor.
        for (int i = 0; i < 40; i++) {
            resolve(group, Duration.ofSeconds(2));
        }
        Duration primaryTail = group.status().get(0).rttTail();
        Duration secondaryTail = group.status().get(1).rttTail();
        Duration tail = primaryTail.compareTo(secondaryTail) < 0 ? primaryTail : secondaryTail;
        assertThat(tail).isBetween(Duration.ofMillis(30), Duration.ofMillis(61));

        // The primary turns slow: the secondary answers no later than the hedge delay plus its own RTT.
        primaryRtt.set(Duration.ofMillis(900));
        AtomicReference<Answer> result = new AtomicReference<>();
        group.resolve(QUERY).subscribe(result::set);
        vts.advanceTimeBy(tail.plus(Duration.ofMillis(30)));
        assertThat(result.get()).isNotNull();
        assertThat(result.get().source().upstream()).isEqualTo(id(1));
        assertThat(result.get().elapsed()).isLessThanOrEqualTo(tail.plus(Duration.ofMillis(30)));
    }

    @Test
    void group_hedgeAndRaceStrategies_useEveryUpstream() {
        Fake slow = answering(0, Rcode.NOERROR, Duration.ofMillis(300), vts);
        Fake fast = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);
        UpstreamGroup race = build(builder(slow, fast).strategy(GroupStrategy.race()));
        Answer raced = (Answer) resolve(race, Duration.ofMillis(10));
        assertThat(raced.source().upstream()).isEqualTo(id(1));

        UpstreamGroup hedge = build(builder(slow, fast).strategy(GroupStrategy.hedge(Duration.ofMillis(100))));
        Answer hedged = (Answer) resolve(hedge, Duration.ofMillis(110));
        assertThat(hedged.source().upstream()).isEqualTo(id(1));
        assertThat(hedged.elapsed()).isEqualTo(Duration.ofMillis(110));
    }

    @Test
    void hedges_countTimersThatFired_andAnswersThatCameFromTheAttemptTheyStarted() {
        Fake slow = answering(0, Rcode.NOERROR, Duration.ofMillis(300), vts);
        Fake fast = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);
        Fake quick = answering(0, Rcode.NOERROR, Duration.ofMillis(50), vts);
        Fake late = answering(1, Rcode.NOERROR, Duration.ofMillis(500), vts);
        Fake failing = failing(0, new DnsUnreachableException(id(0), "unreachable", null));

        UpstreamGroup won = build(builder(slow, fast).strategy(GroupStrategy.hedge(Duration.ofMillis(100))));
        resolve(won, Duration.ofMillis(110));
        UpstreamGroup lost = build(builder(slow, late).strategy(GroupStrategy.hedge(Duration.ofMillis(100))));
        resolve(lost, Duration.ofMillis(300));
        UpstreamGroup none = build(builder(quick, fast).strategy(GroupStrategy.hedge(Duration.ofMillis(100))));
        resolve(none, Duration.ofMillis(50));
        UpstreamGroup failover = build(builder(failing, fast).strategy(GroupStrategy.hedge(Duration.ofMillis(100))));
        resolve(failover, Duration.ofMillis(10));

        assertThat(won.hedges()).isEqualTo(new UpstreamGroup.Hedges(1, 1));
        assertThat(lost.hedges()).as("the first upstream still won").isEqualTo(new UpstreamGroup.Hedges(1, 0));
        assertThat(none.hedges()).isEqualTo(new UpstreamGroup.Hedges(0, 0));
        assertThat(failover.hedges()).as("an error starts the next at once: no timer, no hedge")
                .isEqualTo(new UpstreamGroup.Hedges(0, 0));
        assertThat(build(builder(slow, fast).strategy(GroupStrategy.race())).hedges())
                .isEqualTo(new UpstreamGroup.Hedges(0, 0));
    }

    @Test
    void group_healthOrderedHedge_learnsFromLostHedges_andAsksTheFastUpstreamFirst() {
        Fake blackHole = silent(0);
        Fake fast = answering(1, Rcode.NOERROR, Duration.ofMillis(10), vts);
        UpstreamGroup group = build(builder(blackHole, fast).policy(UpstreamPolicy.HEALTH_ORDERED)
                .strategy(GroupStrategy.hedge(Duration.ofMillis(100))));

        // First query: config order asks the black hole first; the hedge to the fast one wins at 110 ms.
        Answer first = (Answer) resolve(group, Duration.ofMillis(110));
        assertThat(first.source().upstream()).isEqualTo(id(1));
        assertThat(first.attempts()).isEqualTo(2);

        // The black hole's cancelled attempt taught a 110 ms lower bound; the fast one measured 10 ms.
        Answer second = (Answer) resolve(group, Duration.ofMillis(10));
        assertThat(second.source().upstream()).isEqualTo(id(1));
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.elapsed()).isEqualTo(Duration.ofMillis(10));
        assertThat(group.status().get(0).consecutiveFailures()).isZero();
    }
}
