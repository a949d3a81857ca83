package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

class PendingQueriesTest {

    private static final Query QUERY = Query.of("pending.test", Type.A);

    private final PendingQueries table = new PendingQueries(QueryIds.create(), 1024);

    private PendingQueries.Entry registerAndHold(List<Disposable> subscriptions) {
        PendingQueries.Entry[] entry = new PendingQueries.Entry[1];
        subscriptions.add(Mono.<Answer>create(sink -> entry[0] = table.register(QUERY, sink)).subscribe(a -> { }, e -> { }));
        return entry[0];
    }

    @Test
    void register_givesDistinctIds_eachFoundByItsOwnId_andNotByAnother() {
        List<Disposable> subscriptions = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 512; i++) {
            PendingQueries.Entry entry = registerAndHold(subscriptions);
            assertThat(entry).isNotNull();
            assertThat(ids.add(entry.id())).isTrue();
            assertThat(table.get(entry.id())).isSameAs(entry);
            // the same slot under another ID (other high bits) is not this query
            assertThat(table.get(entry.id() ^ 0x8000)).isNull();
        }
        assertThat(table.size()).isEqualTo(512);
        subscriptions.forEach(Disposable::dispose);
        assertThat(table.size()).isZero();
    }

    @Test
    void cancelling_freesTheSlotAtOnce() {
        List<Disposable> subscriptions = new ArrayList<>();
        PendingQueries.Entry entry = registerAndHold(subscriptions);
        assertThat(table.isPending(entry)).isTrue();

        subscriptions.get(0).dispose();

        assertThat(table.isPending(entry)).isFalse();
        assertThat(table.get(entry.id())).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void failAll_failsEveryPendingQuery_once() {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Mono.<Answer>create(sink -> table.register(QUERY, sink)).subscribe(a -> { }, e -> errors.add(e.getMessage()));
        }
        assertThat(table.failAll(e -> new IllegalStateException("closed " + e.id()))).isEqualTo(10);
        assertThat(errors).hasSize(10);
        assertThat(table.size()).isZero();
        assertThat(table.failAll(e -> new IllegalStateException("again"))).isZero();
    }

    @Test
    void capacityFor_keepsTheTableAtMostHalfFull() {
        assertThat(PendingQueries.capacityFor(1)).isEqualTo(64);
        assertThat(PendingQueries.capacityFor(1024)).isEqualTo(2048);
        assertThat(PendingQueries.capacityFor(1025)).isEqualTo(4096);
        assertThat(PendingQueries.capacityFor(100_000)).isEqualTo(65536);
        assertThatThrownBy(() -> new PendingQueries(QueryIds.create(), 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void register_returnsNull_whenNoFreeIdIsFound() {
        PendingQueries tiny = new PendingQueries(QueryIds.create(), 64);
        List<MonoSink<Answer>> sinks = new ArrayList<>();
        int registered = 0;
        for (int i = 0; i < 200; i++) {
            PendingQueries.Entry[] entry = new PendingQueries.Entry[1];
            Mono.<Answer>create(sink -> {
                sinks.add(sink);
                entry[0] = tiny.register(QUERY, sink);
            }).subscribe(a -> { }, e -> { });
            registered += entry[0] != null ? 1 : 0;
        }
        assertThat(registered).isBetween(60, 64);
        assertThat(tiny.size()).isEqualTo(registered);
    }
}
