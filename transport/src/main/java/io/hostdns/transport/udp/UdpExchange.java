package io.hostdns.transport.udp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.TransportErrors;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;

/**
 * One query of a {@link UdpDnsClient}, from subscription to its one signal: the subscription, the waiter of
 * every ID the query was sent under, and its own timer, so that a query costs one object and one scheduled
 * task however it ends. The timer is a task on the event loop of the socket the query first left by, armed
 * when it left: after the {@linkplain RetransmitTimeout retransmission timeout} the query is sent again
 * under a new ID from the same pool (the earlier IDs keep waiting: a late answer to any of them is the
 * answer), each time with twice the timeout, until the client's retransmissions are used up; then, if the
 * client has a query timeout, the query fails with a {@link DnsTimeoutException} once that much time has
 * passed since the first send. Whoever ends it first (an answer, an error, the timer, a cancel) frees every
 * ID and the timer at once.
 *
 * <p>A truncated answer is asked again over TCP (when the client has a TCP fallback); its answer carries the
 * attempts of both. An answer's {@link Answer#attempts()} is the number of UDP sends it took.
 */
final class UdpExchange extends Operators.MonoSubscriber<Answer, Answer> implements PendingQueries.Waiter, Runnable {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final AtomicIntegerFieldUpdater<UdpExchange> PHASE =
            AtomicIntegerFieldUpdater.newUpdater(UdpExchange.class, "phase");

    private final UdpDnsClient client;
    private final Query asked;
    private final Query sent;
    private final long startClock;
    private volatile int phase;
    private volatile int sends;
    private volatile PendingQueries.@Nullable Entry first;
    private volatile PendingQueries.Entry @Nullable [] resent;
    private volatile @Nullable ScheduledFuture<?> timer;
    private volatile @Nullable Disposable tcpRetry;
    /** Used by the timer's event loop only, after the first send. */
    private long firstSentNanos;
    private long timeoutNanos;
    private @Nullable ScheduledExecutorService loop;

    UdpExchange(CoreSubscriber<? super Answer> actual, UdpDnsClient client, Query asked, Query sent) {
        super(actual);
        this.client = client;
        this.asked = asked;
        this.sent = sent;
        this.startClock = client.clock().now(TimeUnit.NANOSECONDS);
        client.exchangeStarted(); // counted from here until release(), which every ending calls once
    }

    /** Sends the query for the first time; call once, after {@code actual.onSubscribe(this)}. */
    void start() {
        if (phase != RUNNING) {
            return; // cancelled in onSubscribe
        }
        if (client.isDisposed()) {
            fail(new DnsNetworkException(client.upstream(), "client is disposed", null));
            return;
        }
        UdpSocket socket;
        try {
            socket = client.pool().pick();
        } catch (RuntimeException e) {
            fail(TransportErrors.map(client.upstream(), "UDP socket", e));
            return;
        }
        PendingQueries.Entry entry = socket.pending().register(sent, this);
        if (entry == null) {
            fail(new DnsNetworkException(client.upstream(), "no free message ID on the socket", null));
            return;
        }
        first = entry;
        sends = 1;
        if (phase != RUNNING) { // cancelled while registering
            entry.dispose();
            return;
        }
        socket.send(entry);
    }

    /** The first send left on {@code eventLoop}: the timer starts there. Later sends are timed by the timer. */
    @Override
    public void sent(PendingQueries.Entry entry, ScheduledExecutorService eventLoop) {
        if (entry != first || loop != null) {
            return;
        }
        loop = eventLoop;
        firstSentNanos = entry.sentNanos();
        timeoutNanos = client.retransmitTimeouts().nanos();
        long backstop = client.queryTimeoutNanos();
        long retransmitAfter = client.retransmissions() > 0 ? timeoutNanos : Long.MAX_VALUE;
        long next = Math.min(retransmitAfter, backstop == 0 ? Long.MAX_VALUE : backstop);
        if (next != Long.MAX_VALUE) {
            arm(next);
        }
    }

    /** The timer: retransmit, or give up, unless the query already ended. Runs on the first send's event loop. */
    @Override
    public void run() {
        if (phase != RUNNING) {
            return;
        }
        long now = System.nanoTime();
        long backstop = client.queryTimeoutNanos();
        long left = backstop == 0 ? Long.MAX_VALUE : firstSentNanos + backstop - now;
        if (left <= 0) {
            fail(new DnsTimeoutException(client.upstream(), Duration.ofNanos(backstop)));
            return;
        }
        long next = Long.MAX_VALUE;
        if (sends <= client.retransmissions()) {
            resend();
            timeoutNanos = RetransmitTimeout.backedOff(timeoutNanos);
            next = sends <= client.retransmissions() ? timeoutNanos : Long.MAX_VALUE;
        }
        next = Math.min(next, left);
        if (next != Long.MAX_VALUE) {
            arm(next);
        }
    }

    private void resend() {
        UdpSocket socket;
        try {
            socket = client.pool().pick();
        } catch (RuntimeException e) {
            return; // no socket now: the sends already out keep waiting, the next timer tries again
        }
        PendingQueries.Entry entry = socket.pending().register(sent, this);
        if (entry == null) {
            return;
        }
        PendingQueries.Entry[] before = resent;
        PendingQueries.Entry[] now = before == null ? new PendingQueries.Entry[] {entry}
                : append(before, entry);
        resent = now;
        if (phase != RUNNING) { // ended while registering: release() may not have seen this entry
            entry.dispose();
            return;
        }
        sends = sends + 1;
        client.stats().retransmitted.increment();
        socket.send(entry);
    }

    private static PendingQueries.Entry[] append(PendingQueries.Entry[] entries, PendingQueries.Entry entry) {
        PendingQueries.Entry[] longer = Arrays.copyOf(entries, entries.length + 1);
        longer[entries.length] = entry;
        return longer;
    }

    private void arm(long delayNanos) {
        ScheduledExecutorService l = loop;
        if (l == null) {
            return;
        }
        timer = l.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        if (phase != RUNNING) { // ended while arming: release() may have missed this timer
            cancelTimer();
        }
    }

    @Override
    public void answered(PendingQueries.Entry entry, Answer answer) {
        if (!PHASE.compareAndSet(this, RUNNING, DONE)) {
            return;
        }
        release();
        long sentNanos = entry.sentNanos();
        if (sentNanos != 0) {
            client.retransmitTimeouts().sample(System.nanoTime() - sentNanos);
        }
        Answer udp = answer.withAttempts(sends);
        Resolver tcp = client.tcpFallback();
        if (udp.truncated() && tcp != null) {
            retryOverTcp(tcp, udp);
        } else {
            complete(stamped(udp));
        }
    }

    private void retryOverTcp(Resolver tcp, Answer truncated) {
        client.stats().truncatedRetries.increment();
        Disposable retry = tcp.resolve(asked).subscribe(
                a -> complete(stamped(a.withAttempts(truncated.attempts() + a.attempts()))),
                this::signalError);
        tcpRetry = retry;
        if (isCancelled()) {
            retry.dispose();
        }
    }

    private Answer stamped(Answer answer) {
        return answer.withElapsed(Duration.ofNanos(client.clock().now(TimeUnit.NANOSECONDS) - startClock));
    }

    @Override
    public void failed(PendingQueries.Entry entry, Throwable error) {
        fail(error);
    }

    private void fail(Throwable error) {
        if (PHASE.compareAndSet(this, RUNNING, DONE)) {
            release();
            signalError(error);
        }
    }

    private void signalError(Throwable error) {
        if (!isCancelled()) {
            actual().onError(error);
        }
    }

    @Override
    public void cancel() {
        super.cancel();
        if (PHASE.getAndSet(this, DONE) == RUNNING) {
            release();
        }
        Disposable retry = tcpRetry;
        if (retry != null) {
            retry.dispose();
        }
    }

    /** Frees every ID and the timer; called once, by whoever ended the query. */
    private void release() {
        cancelTimer();
        PendingQueries.Entry e = first;
        if (e != null) {
            e.dispose();
        }
        PendingQueries.Entry[] more = resent;
        if (more != null) {
            for (PendingQueries.Entry m : more) {
                m.dispose();
            }
        }
        client.exchangeEnded();
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
