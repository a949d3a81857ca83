package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;

/**
 * One TCP connection to {@link FakeDnsServer}: 2-byte framed requests in, framed replies out, optionally
 * held and sent in reverse order in batches (out-of-order replies, RFC 7766 §7).
 */
final class FakeTcpConnection extends SimpleChannelInboundHandler<ByteBuf> implements ReplyChannel {

    private final FakeDnsServer server;
    private final Protocol protocol;
    private final int number;
    private final int reverseBatch;
    private final Deque<byte[]> held = new ArrayDeque<>();
    private Channel channel;

    private FakeTcpConnection(FakeDnsServer server, Protocol protocol, int number, int reverseBatch) {
        this.server = server;
        this.protocol = protocol;
        this.number = number;
        this.reverseBatch = reverseBatch;
    }

    static void install(Channel ch, FakeDnsServer server, Protocol protocol, int number, int reverseBatch) {
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(2 + 65535, 0, 2, 0, 2),
                new FakeTcpConnection(server, protocol, number, reverseBatch));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        server.tcpOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.tcpClosed();
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
        Message message = new Message(ByteBufUtil.getBytes(frame));
        server.dispatch(new FakeRequest(message, protocol, (InetSocketAddress) ctx.channel().remoteAddress(), number),
                this);
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public void send(byte[] wire) {
        if (reverseBatch <= 1) {
            write(wire);
            return;
        }
        held.push(wire);
        if (held.size() >= reverseBatch) {
            while (!held.isEmpty()) {
                write(held.pop()); // last in, first out
            }
        }
    }

    private void write(byte[] wire) {
        ByteBuf frame = channel.alloc().buffer(2 + wire.length).writeShort(wire.length).writeBytes(wire);
        channel.writeAndFlush(frame);
    }

    @Override
    public void sendFromOtherPort(byte[] wire) {
        send(wire); // a TCP stream has no "other port": the connection is the authentication
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        channel.eventLoop().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
