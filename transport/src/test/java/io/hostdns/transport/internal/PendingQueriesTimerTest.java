package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The query timer of {@link PendingQueries}: one task per sent query, gone as soon as the query ends. */
class PendingQueriesTimerTest {

    private static final Query QUERY = Query.of("timer.test", Type.A);
    private static final UpstreamId UPSTREAM = new UpstreamId(3, Protocol.UDP, "192.0.2.3:53");

    // stands in for the socket's event loop; cancelled timers leave its queue at once
    private final ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1);

    PendingQueriesTimerTest() {
        loop.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private static PendingQueries table(Duration timeout) {
        return new PendingQueries(QueryIds.create(), 64, UPSTREAM, timeout);
    }

    @Test
    void sentQuery_failsWithATimeoutNamingTheUpstream_whenNoAnswerComes() {
        PendingQueries table = table(Duration.ofMillis(20));
        Mono<Answer> query = Mono.create(sink -> table.startTimer(table.register(QUERY, sink), loop));

        StepVerifier.create(query)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DnsTimeoutException.class).hasMessageContaining("20 ms");
                    assertThat(((DnsTimeoutException) e).upstream()).isEqualTo(UPSTREAM);
                })
                .verify(Duration.ofSeconds(5));
        assertThat(table.size()).isZero();
    }

    @Test
    void answeredQuery_cancelsItsTimer() {
        PendingQueries table = table(Duration.ofMinutes(1));
        AtomicReference<PendingQueries.Entry> entry = new AtomicReference<>();
        Disposable subscription = Mono.<Answer>create(sink -> {
            entry.set(table.register(QUERY, sink));
            table.startTimer(entry.get(), loop);
        }).subscribe();
        assertThat(loop.getQueue()).hasSize(1);

        table.complete(entry.get(), Answer.of(QUERY.toWire(entry.get().id()), AnswerSource.upstream(UPSTREAM)));

        assertThat(loop.getQueue()).isEmpty();
        assertThat(subscription.isDisposed()).isTrue();
    }

    @Test
    void cancelledQuery_cancelsItsTimer() {
        PendingQueries table = table(Duration.ofMinutes(1));
        Disposable subscription = Mono.<Answer>create(sink -> table.startTimer(table.register(QUERY, sink), loop))
                .subscribe();
        assertThat(loop.getQueue()).hasSize(1);

        subscription.dispose();

        assertThat(loop.getQueue()).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void tableWithoutTimeout_startsNoTimer_andATimeoutNeedsAnUpstream() {
        PendingQueries table = new PendingQueries(QueryIds.create(), 64);
        Disposable subscription = Mono.<Answer>create(sink -> table.startTimer(table.register(QUERY, sink), loop))
                .subscribe();

        assertThat(loop.getQueue()).isEmpty();
        assertThat(table.size()).isEqualTo(1);
        subscription.dispose();
        assertThatThrownBy(() -> new PendingQueries(QueryIds.create(), 64, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
