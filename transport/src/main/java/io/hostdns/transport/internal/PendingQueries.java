package io.hostdns.transport.internal;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * The queries in flight on one socket or connection, keyed by message ID: a response is matched to
 * the query it answers through this table, and a slot lives exactly as long as the subscription that
 * made it (removed on answer, error or cancel, at once). Thread-safe and lock-free: queries register
 * from any thread and responses arrive on an event loop.
 *
 * <p>The table is an array indexed by the low bits of the ID (no boxing, no hashing): a query draws
 * random IDs until one lands on a free slot, so an ID is as random as before among the IDs free here.
 * A table of 65,536 slots holds any ID; a smaller one (for a UDP socket that carries a bounded number
 * of queries in its life) is kept at most half full by its owner, so a free slot is found at once.
 *
 * <p>Each entry has a {@link Waiter}, told once when the entry leaves the table with an answer or an error.
 * {@link #register(Query, MonoSink)} makes the waiter of a {@link MonoSink} (one query, one entry: TCP);
 * {@link #register(Query, Waiter)} takes any waiter, which may own several entries (UDP: a query and its
 * retransmissions, each under its own ID) and frees them itself.
 *
 * <p>A table made with a query timeout gives a sink's entry a timer once its query is sent
 * ({@link #startTimer}): one task on the socket's event loop, the entry itself, that fails the query with a
 * {@link DnsTimeoutException} naming the upstream, cancelled the moment the entry ends in any other way.
 */
public final class PendingQueries {

    /** How many random IDs to try before declaring the table full. */
    private static final int ID_ATTEMPTS = 64;
    /** Every 16-bit ID has its own slot. */
    public static final int FULL_CAPACITY = 1 << 16;

    private final AtomicReferenceArray<@Nullable Entry> slots;
    private final int mask;
    private final AtomicInteger size = new AtomicInteger();
    private final QueryIds ids;
    private final @Nullable UpstreamId upstream;
    private final Duration timeout;

    /** A table of {@link #FULL_CAPACITY} slots drawing IDs from {@code ids}, without query timeout. */
    public PendingQueries(QueryIds ids) {
        this(ids, FULL_CAPACITY);
    }

    /** A table of {@code capacity} slots without query timeout; see {@link #PendingQueries(QueryIds, int, UpstreamId, Duration)}. */
    public PendingQueries(QueryIds ids, int capacity) {
        this(ids, capacity, null, Duration.ZERO);
    }

    /**
     * A table of {@code capacity} slots (a power of two, 64..65536) drawing IDs from {@code ids}; keep the
     * queries in flight on it well under the capacity (e.g. at most half) or registering may fail. A query
     * whose {@link #startTimer timer} runs {@code timeout} fails with a {@link DnsTimeoutException} naming
     * {@code upstream}; {@link Duration#ZERO} sets no timer.
     */
    public PendingQueries(QueryIds ids, int capacity, @Nullable UpstreamId upstream, Duration timeout) {
        if (capacity < 64 || capacity > FULL_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 64..65536, was " + capacity);
        }
        if (timeout.isNegative() || (upstream == null && !timeout.isZero())) {
            throw new IllegalArgumentException("a timeout must be >= 0 and name its upstream, was " + timeout
                    + " for " + upstream);
        }
        this.ids = ids;
        this.upstream = upstream;
        this.timeout = timeout;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /** The smallest capacity that keeps {@code maxInFlight} queries at most half the table. */
    public static int capacityFor(int maxInFlight) {
        long wanted = Math.max(64L, 2L * maxInFlight);
        return wanted >= FULL_CAPACITY ? FULL_CAPACITY : Integer.highestOneBit((int) wanted - 1) << 1;
    }

    /**
     * Who waits for an entry's response. Exactly one of the two is called, once, after the entry has left the
     * table; never for an entry that was {@linkplain Entry#dispose() disposed} first.
     */
    public interface Waiter {

        /** {@code entry}'s response arrived (already checked against its question). */
        void answered(Entry entry, Answer answer);

        /** {@code entry} failed: its socket or connection failed, its send failed, or its timer ran out. */
        void failed(Entry entry, Throwable error);

        /**
         * {@code entry}'s query was just written to its socket, on {@code loop} (the socket's event loop), at
         * {@link Entry#sentNanos()}. Nothing by default.
         */
        default void sent(Entry entry, ScheduledExecutorService loop) {
        }
    }

    /**
     * One query in flight under one ID: the question asked, the ID it was sent with, and who waits for it.
     * Disposing it frees its slot (for a sink's entry: when the subscription ends, answered, failed or cancelled).
     */
    public final class Entry implements Disposable, Runnable {
        private final Query query;
        private final int id;
        private final Waiter waiter;
        private volatile @Nullable Future<?> timer;
        private long sentNanos;

        Entry(Query query, int id, Waiter waiter) {
            this.query = query;
            this.id = id;
            this.waiter = waiter;
        }

        /** The question as sent. */
        public Query query() {
            return query;
        }

        /** The message ID it was sent with. */
        public int id() {
            return id;
        }

        /** Who waits for its response. */
        public Waiter waiter() {
            return waiter;
        }

        /** Records that the query left now ({@link System#nanoTime()}); call it on the socket's event loop. */
        public void sentAt(long nanos) {
            sentNanos = nanos;
        }

        /** When the query left, as recorded by {@link #sentAt}; 0 before. Read it on the socket's event loop. */
        public long sentNanos() {
            return sentNanos;
        }

        /** Frees the slot if this entry still holds it. */
        @Override
        public void dispose() {
            remove(this);
        }

        @Override
        public boolean isDisposed() {
            return slots.get(id & mask) != this;
        }

        /** The timer of {@link #startTimer} fired: fails this query if it is still waiting. */
        @Override
        public void run() {
            if (isPending(this)) {
                fail(this, new DnsTimeoutException(upstream, timeout));
            }
        }
    }

    /**
     * Registers a query under a fresh random ID not in use here; the slot is freed when {@code sink}
     * is disposed (answered, failed or cancelled).
     *
     * @return the entry, or null when no free ID was found (the table is nearly full)
     */
    public @Nullable Entry register(Query query, MonoSink<Answer> sink) {
        Entry entry = register(query, new SinkWaiter(sink));
        if (entry != null) {
            sink.onDispose(entry);
        }
        return entry;
    }

    /**
     * Registers a query under a fresh random ID not in use here, for {@code waiter}, which frees the slot by
     * {@linkplain Entry#dispose() disposing} the entry when it no longer waits for it.
     *
     * @return the entry, or null when no free ID was found (the table is nearly full)
     */
    public @Nullable Entry register(Query query, Waiter waiter) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            int id = ids.next();
            if (slots.get(id & mask) != null) {
                continue;
            }
            Entry entry = new Entry(query, id, waiter);
            size.incrementAndGet(); // first, so that size() never undercounts (a socket closes only at 0)
            if (slots.compareAndSet(id & mask, null, entry)) {
                return entry;
            }
            size.decrementAndGet();
        }
        return null;
    }

    /**
     * Starts {@code entry}'s timer on {@code loop} (the event loop of its socket) when this table has a query
     * timeout: the query fails with a {@link DnsTimeoutException} unless it ends first. Call it once, after
     * the query was sent.
     */
    public void startTimer(Entry entry, ScheduledExecutorService loop) {
        if (timeout.isZero()) {
            return;
        }
        Future<?> timer = loop.schedule(entry, timeout.toNanos(), TimeUnit.NANOSECONDS);
        entry.timer = timer;
        if (!isPending(entry)) { // ended before the timer was stored, so remove() could not cancel it
            timer.cancel(false);
        }
    }

    private boolean remove(Entry entry) {
        if (slots.compareAndSet(entry.id & mask, entry, null)) {
            size.decrementAndGet();
            Future<?> timer = entry.timer;
            if (timer != null) {
                timer.cancel(false);
            }
            return true;
        }
        return false;
    }

    /** The entry waiting for {@code id}, if any. */
    public @Nullable Entry get(int id) {
        Entry entry = slots.get(id & mask);
        return entry != null && entry.id == id ? entry : null;
    }

    /** Whether {@code entry} is still waiting. */
    public boolean isPending(Entry entry) {
        return slots.get(entry.id & mask) == entry;
    }

    /** Completes {@code entry} with {@code answer}; false if it was no longer pending. */
    public boolean complete(Entry entry, Answer answer) {
        if (remove(entry)) {
            entry.waiter.answered(entry, answer);
            return true;
        }
        return false;
    }

    /** Fails {@code entry}; false if it was no longer pending. */
    public boolean fail(Entry entry, Throwable error) {
        if (remove(entry)) {
            entry.waiter.failed(entry, error);
            return true;
        }
        return false;
    }

    /** Fails every pending entry with the error {@code errors} makes for it; returns how many. */
    public int failAll(Function<Entry, ? extends Throwable> errors) {
        int failed = 0;
        for (int i = 0; i < slots.length(); i++) {
            Entry entry = slots.get(i);
            if (entry != null && fail(entry, errors.apply(entry))) {
                failed++;
            }
        }
        return failed;
    }

    /** How many queries are in flight (entries: a query retransmitted under a second ID counts twice). */
    public int size() {
        return size.get();
    }

    /** The waiter of one {@link MonoSink}: its entry's outcome is the sink's. */
    private record SinkWaiter(MonoSink<Answer> sink) implements Waiter {
        @Override
        public void answered(Entry entry, Answer answer) {
            sink.success(answer);
        }

        @Override
        public void failed(Entry entry, Throwable error) {
            sink.error(error);
        }
    }
}
