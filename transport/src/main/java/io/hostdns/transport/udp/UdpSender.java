package io.hostdns.transport.udp;

import io.hostdns.core.UpstreamId;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.TransportErrors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write side of one {@link UdpSocket}: queries are queued from any thread and written by the socket's
 * event loop in batches, one task and one flush per batch instead of a task hand-off, a wake-up and a
 * {@code send} system call per query (a burst of 256 queries becomes one {@code sendmmsg} where the
 * transport has it). The wire form is encoded on the event loop, into the channel's pooled allocator.
 * A query cancelled before its turn is not sent.
 */
final class UdpSender implements Runnable {

    private final UpstreamId upstream;
    private final InetSocketAddress remote;
    private final boolean connected;
    private final UdpDnsClient.Stats stats;
    private final PendingQueries pending;
    private final Queue<PendingQueries.Entry> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Used only by the event loop that runs this sender. */
    private final QueryWire wire = new QueryWire();
    private final ChannelFuture ready;

    UdpSender(UpstreamId upstream, InetSocketAddress remote, boolean connected, UdpDnsClient.Stats stats,
              PendingQueries pending, ChannelFuture ready) {
        this.upstream = upstream;
        this.remote = remote;
        this.connected = connected;
        this.stats = stats;
        this.pending = pending;
        this.ready = ready;
    }

    /** Queues {@code entry} and makes sure a batch write is on its way once the socket is bound. */
    void send(PendingQueries.Entry entry) {
        queue.offer(entry);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            ChannelFuture f = ready;
            if (f.isDone()) {
                schedule(f);
            } else {
                f.addListener(done -> schedule(f));
            }
        }
    }

    private void schedule(ChannelFuture f) {
        try {
            f.channel().eventLoop().execute(this);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            failQueued("UDP send", e);
        }
    }

    /** Writes every queued query that is still pending, then flushes once. Runs on the event loop. */
    @Override
    public void run() {
        scheduled.set(false); // queries queued from now on schedule another run
        ChannelFuture f = ready;
        if (!f.isSuccess()) {
            failQueued("UDP socket", f.cause());
            return;
        }
        Channel channel = f.channel();
        boolean wrote = false;
        PendingQueries.Entry entry;
        while ((entry = queue.poll()) != null) {
            if (pending.isPending(entry)) { // else cancelled while queued
                write(channel, entry);
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void write(Channel channel, PendingQueries.Entry entry) {
        ByteBuf buf = channel.alloc().buffer(QueryWire.length(entry.query()));
        wire.write(entry.query(), entry.id(), buf);
        Object message = connected ? buf : new DatagramPacket(buf, remote);
        stats.sent.increment();
        channel.write(message).addListener(w -> {
            if (!w.isSuccess()) {
                pending.fail(entry, TransportErrors.map(upstream, "UDP send", w.cause()));
            }
        });
        entry.sentAt(System.nanoTime());
        entry.waiter().sent(entry, channel.eventLoop());
    }

    private void failQueued(String what, Throwable cause) {
        PendingQueries.Entry entry;
        while ((entry = queue.poll()) != null) {
            pending.fail(entry, TransportErrors.map(upstream, what, cause));
        }
    }
}
