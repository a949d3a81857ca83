package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection (RFC 7766): length-prefixed queries, pipelined, each answered as soon as it
 * completes (out of order). At most {@code maxInFlight} queries of the connection run at once; past that
 * the handler stops reading (frames already received wait in its buffer) until one completes, which is
 * backpressure to the client, not a queue; the same happens while the client does not read its answers
 * (the channel is not writable). Timers: a frame must be complete within the read timeout of
 * its first byte (slow senders), and a connection with nothing in flight and nothing read for the idle
 * timeout is closed. All state lives on the channel's event loop; completions hop back to it. Cache hits
 * are answered at once on the loop by the connection's {@link CachedReplies}, as over UDP.
 */
final class TcpConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TcpConnectionHandler.class);

    private final QueryProcessor processor;
    private final @Nullable CachedReplies cached;
    private final InFlight inFlight = new InFlight();
    private final int maxInFlight;
    private final long idleNanos;
    private final long readNanos;
    private final TcpFrames frames = new TcpFrames();
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ScheduledFuture<?> idleTimer;
    private @Nullable ScheduledFuture<?> readTimer;
    private boolean stopped;

    TcpConnectionHandler(QueryProcessor processor, int maxInFlight, Duration idleTimeout, Duration readTimeout) {
        this.processor = processor;
        this.cached = processor.newCachedReplies();
        this.maxInFlight = maxInFlight;
        this.idleNanos = idleTimeout.toNanos();
        this.readNanos = readTimeout.toNanos();
    }

    /** The queries of this connection; the listener waits on them for a graceful shutdown. */
    InFlight inFlight() {
        return inFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        armIdle();
        // Reactor Netty accepts with auto-read off; this handler owns reading from here on.
        context.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            context.fireChannelRead(msg);
            return;
        }
        frames.append(context.alloc(), buf);
        armIdle();
        dispatch();
    }

    /** Takes complete frames while below the cap; arms or clears the read timer for a partial frame. */
    private void dispatch() {
        ChannelHandlerContext context = ctx;
        if (context == null || stopped) {
            return;
        }
        Channel channel = context.channel();
        boolean wroteHits = false;
        // an unwritable channel is a client not reading its answers: stop taking queries until it catches up
        while (inFlight.count() < maxInFlight && channel.isWritable()) {
            byte[] frame = frames.next();
            if (frame == null) {
                break;
            }
            if (replyFromCache(channel, frame)) {
                wroteHits = true;
                continue;
            }
            inFlight.track(processor.process(frame, (InetSocketAddress) channel.remoteAddress(), Protocol.TCP,
                            context.executor()),
                    wire -> channel.writeAndFlush(Unpooled.wrappedBuffer(TcpFrames.lengthPrefix(wire.length), wire)),
                    this::completed);
        }
        if (wroteHits) {
            channel.flush();
        }
        channel.config().setAutoRead(inFlight.count() < maxInFlight && channel.isWritable());
        // only a message the client has not finished sending counts against the read timeout; complete ones
        // waiting for a free slot are our backpressure, not the client's slowness
        if (frames.headIncomplete()) {
            if (readTimer == null) {
                readTimer = context.executor().schedule(this::readTimedOut, readNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            cancel(readTimer);
            readTimer = null;
        }
    }

    /** Writes (without flushing) the reply to {@code frame} when it is a cache hit; false leaves it to the resolver. */
    private boolean replyFromCache(Channel channel, byte[] frame) {
        CachedReplies replies = cached;
        if (replies == null || !processor.cachedRepliesAllowed()) {
            return false;
        }
        ByteBuf reply = replies.tcp(frame, channel.alloc());
        if (reply == null) {
            return false;
        }
        if (!processor.admitCached((InetSocketAddress) channel.remoteAddress(), Protocol.TCP, replies)) {
            reply.release();
            return false;
        }
        replies.served();
        channel.write(reply, channel.voidPromise());
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        dispatch();
        context.fireChannelWritabilityChanged();
    }

    private void completed() {
        ChannelHandlerContext context = ctx;
        if (context == null || !context.channel().isActive()) {
            return;
        }
        if (!context.executor().inEventLoop()) {
            context.executor().execute(this::completed);
            return;
        }
        armIdle();
        dispatch();
    }

    private void armIdle() {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            return;
        }
        cancel(idleTimer);
        idleTimer = context.executor().schedule(this::idleTimedOut, idleNanos, TimeUnit.NANOSECONDS);
    }

    private void idleTimedOut() {
        if (inFlight.count() == 0 && !frames.hasBufferedBytes() && ctx != null) {
            log.debug("closing idle tcp connection {}", ctx.channel().remoteAddress());
            ctx.close();
        } // else: re-armed when the last query completes
    }

    private void readTimedOut() {
        readTimer = null;
        if (ctx != null && frames.headIncomplete()) {
            log.debug("closing tcp connection {}: frame not complete within read timeout", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    /** Stops taking queries from this connection (graceful shutdown); those in flight still get answered. */
    void stopReading() {
        ChannelHandlerContext context = ctx;
        if (context != null) {
            context.executor().execute(() -> {
                stopped = true;
                context.channel().config().setAutoRead(false);
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    private void release() {
        stopped = true;
        cancel(idleTimer);
        cancel(readTimer);
        frames.release();
        inFlight.cancelAll(); // the client is gone: free the upstream work done for it
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("tcp connection {} failed: {}", context.channel().remoteAddress(), cause.toString());
        context.close();
    }

    private static void cancel(@Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
