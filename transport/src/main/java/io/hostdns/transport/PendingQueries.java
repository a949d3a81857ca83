package io.hostdns.transport;

import io.hostdns.core.Answer;
import io.hostdns.core.Query;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * The queries in flight on one socket or connection, keyed by message ID: a response is matched to
 * the query it answers through this table, and a slot lives exactly as long as the subscription that
 * made it (removed on answer, error or cancel, at once). Thread-safe: queries register from any thread
 * and responses arrive on an event loop.
 */
public final class PendingQueries {

    /** How many random IDs to try before declaring the table full (it holds at most 65,536). */
    private static final int ID_ATTEMPTS = 64;

    private final Map<Integer, Entry> table = new ConcurrentHashMap<>();
    private final QueryIds ids;

    /** A table drawing IDs from {@code ids}. */
    public PendingQueries(QueryIds ids) {
        this.ids = ids;
    }

    /** One query in flight: the question asked, the ID it was sent with, and who waits for it. */
    public static final class Entry {
        private final Query query;
        private final int id;
        private final MonoSink<Answer> sink;

        Entry(Query query, int id, MonoSink<Answer> sink) {
            this.query = query;
            this.id = id;
            this.sink = sink;
        }

        /** The question as sent. */
        public Query query() {
            return query;
        }

        /** The message ID it was sent with. */
        public int id() {
            return id;
        }
    }

    /**
     * Registers a query under a fresh random ID not in use here; the slot is freed when {@code sink}
     * is disposed (answered, failed or cancelled).
     *
     * @return the entry, or null when no free ID was found (the table is nearly full)
     */
    public @Nullable Entry register(Query query, MonoSink<Answer> sink) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            Entry entry = new Entry(query, ids.next(), sink);
            if (table.putIfAbsent(entry.id, entry) == null) {
                sink.onDispose(() -> table.remove(entry.id, entry));
                return entry;
            }
        }
        return null;
    }

    /** The entry waiting for {@code id}, if any. */
    public @Nullable Entry get(int id) {
        return table.get(id);
    }

    /** Whether {@code entry} is still waiting. */
    public boolean isPending(Entry entry) {
        return table.get(entry.id) == entry;
    }

    /** Completes {@code entry} with {@code answer}; false if it was no longer pending. */
    public boolean complete(Entry entry, Answer answer) {
        if (table.remove(entry.id, entry)) {
            entry.sink.success(answer);
            return true;
        }
        return false;
    }

    /** Fails {@code entry}; false if it was no longer pending. */
    public boolean fail(Entry entry, Throwable error) {
        if (table.remove(entry.id, entry)) {
            entry.sink.error(error);
            return true;
        }
        return false;
    }

    /** Fails every pending entry with the error {@code errors} makes for it; returns how many. */
    public int failAll(Function<Entry, ? extends Throwable> errors) {
        int failed = 0;
        for (Entry entry : table.values()) {
            if (fail(entry, errors.apply(entry))) {
                failed++;
            }
        }
        return failed;
    }

    /** How many queries are in flight. */
    public int size() {
        return table.size();
    }
}
