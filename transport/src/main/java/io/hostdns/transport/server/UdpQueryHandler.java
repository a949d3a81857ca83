package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Reads request datagrams and sends each reply back to its sender. A cache hit is answered right here, on
 * the event loop, by the {@link CachedReplies} of this socket (when the resolver is a cache front and the
 * query log is off); any other packet is copied out and released at once (requests are small), and its
 * reply goes out whenever the resolver answers, from any thread. Reading is switched off while
 * {@code maxInFlight} queries are pending and back on when one completes. Replies produced during a read
 * batch are flushed together at its end.
 */
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final QueryProcessor processor;
    private final ClientAcl acl;
    private final InFlight inFlight;
    private final int maxInFlight;
    private final @Nullable CachedReplies cached;
    // loop-confined: set while channelRead calls of one read batch run, until channelReadComplete
    private boolean inReadBatch;
    private boolean flushPending;

    UdpQueryHandler(QueryProcessor processor, ClientAcl acl, InFlight inFlight, int maxInFlight) {
        this.processor = processor;
        this.acl = acl;
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
        this.cached = processor.newCachedReplies();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Reactor Netty binds with auto-read off; this handler owns reading from here on.
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        InetSocketAddress sender = packet.sender();
        boolean allowed = acl.allows(sender.getAddress());
        Channel channel = ctx.channel();
        if (allowed && replyFromCache(channel, packet)) {
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(packet.content());
        } finally {
            packet.release();
        }
        Mono<byte[]> reply = allowed
                ? processor.process(bytes, sender, Protocol.UDP, ctx.executor())
                : processor.refuse(bytes, sender, Protocol.UDP);
        inReadBatch = true;
        inFlight.track(reply, wire -> send(channel, new DatagramPacket(Unpooled.wrappedBuffer(wire), sender)),
                () -> resumeIfBelowCap(channel));
        if (inFlight.count() >= maxInFlight) {
            channel.config().setAutoRead(false);
        }
    }

    /** Answers {@code packet} from the cache and releases it, when it is a hit; false leaves it to the resolver. */
    private boolean replyFromCache(Channel channel, DatagramPacket packet) {
        CachedReplies replies = cached;
        if (replies == null || !processor.cachedRepliesAllowed()) {
            return false;
        }
        ByteBuf reply = replies.udp(packet.content(), channel.alloc());
        if (reply == null) {
            return false;
        }
        if (!processor.admitCached(packet.sender(), Protocol.UDP, replies)) {
            reply.release();
            return false;
        }
        replies.served();
        // written now, flushed with the rest of the read batch in channelReadComplete
        channel.write(new DatagramPacket(reply, packet.sender()), channel.voidPromise());
        flushPending = true;
        packet.release();
        return true;
    }

    /**
     * Replies ready while the loop is still reading this batch (cache hits, local answers) are only written
     * and go out together at {@link #channelReadComplete} (one sendmmsg with epoll); any other reply is
     * flushed at once.
     */
    private void send(Channel channel, DatagramPacket reply) {
        if (inReadBatch && channel.eventLoop().inEventLoop()) {
            channel.write(reply, channel.voidPromise());
            flushPending = true;
        } else {
            channel.writeAndFlush(reply, channel.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBatch = false;
        if (flushPending) {
            flushPending = false;
            ctx.channel().flush();
        }
        ctx.fireChannelReadComplete();
    }

    private void resumeIfBelowCap(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        // auto-read is only switched on the event loop, so a stop and a resume never cross
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> resumeIfBelowCap(channel));
            return;
        }
        if (!inFlight.isDraining() && inFlight.count() < maxInFlight && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket error concerns one datagram, never the listener: log it and keep serving.
        log.warn("udp listener {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
