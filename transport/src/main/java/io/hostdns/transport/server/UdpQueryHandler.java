package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Reads request datagrams and sends each reply back to its sender. The packet is copied out and released
 * at once (requests are small); the reply goes out whenever the resolver answers, from any thread.
 * Reading is switched off while {@code maxInFlight} queries are pending and back on when one completes.
 * Replies produced during a read batch are flushed together at its end.
 */
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final QueryProcessor processor;
    private final ClientAcl acl;
    private final InFlight inFlight;
    private final int maxInFlight;
    // loop-confined: set while channelRead calls of one read batch run, until channelReadComplete
    private boolean inReadBatch;
    private boolean flushPending;

    UdpQueryHandler(QueryProcessor processor, ClientAcl acl, InFlight inFlight, int maxInFlight) {
        this.processor = processor;
        this.acl = acl;
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
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
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(packet.content());
        } finally {
            packet.release();
        }
        Mono<byte[]> reply = acl.allows(sender.getAddress())
                ? processor.process(bytes, sender, Protocol.UDP, ctx.executor())
                : processor.refuse(bytes, sender, Protocol.UDP);
        Channel channel = ctx.channel();
        inReadBatch = true;
        inFlight.track(reply, wire -> send(channel, new DatagramPacket(Unpooled.wrappedBuffer(wire), sender)),
                () -> resumeIfBelowCap(channel));
        if (inFlight.count() >= maxInFlight) {
            channel.config().setAutoRead(false);
        }
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
