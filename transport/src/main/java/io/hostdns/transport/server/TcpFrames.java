package io.hostdns.transport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The bytes received on one TCP connection, cut into DNS messages (RFC 1035 4.2.2: a two-byte length,
 * then the message). Owns one buffer, which {@link #release()} frees; confined to the event loop.
 */
final class TcpFrames {

    private @Nullable ByteBuf pending;

    /** Appends {@code received} and releases it. */
    void append(ByteBufAllocator alloc, ByteBuf received) {
        try {
            ByteBuf buf = pending;
            if (buf == null) {
                buf = alloc.buffer(Math.max(received.readableBytes(), 512));
                pending = buf;
            } else {
                buf.discardSomeReadBytes();
            }
            buf.writeBytes(received);
        } finally {
            received.release();
        }
    }

    /**
     * The next complete message, or null when no complete frame is buffered. A zero-length frame is
     * skipped: it holds no message to answer.
     */
    byte @Nullable [] next() {
        ByteBuf buf = pending;
        while (buf != null && buf.readableBytes() >= 2) {
            int length = buf.getUnsignedShort(buf.readerIndex());
            if (buf.readableBytes() < 2 + length) {
                return null;
            }
            buf.skipBytes(2);
            if (length == 0) {
                continue;
            }
            byte[] frame = new byte[length];
            buf.readBytes(frame);
            return frame;
        }
        return null;
    }

    /** Whether any received byte is still buffered (a partial message, or messages not taken yet). */
    boolean hasBufferedBytes() {
        ByteBuf buf = pending;
        return buf != null && buf.isReadable();
    }

    /** Whether the next message has started arriving but is not complete: the client still owes bytes. */
    boolean headIncomplete() {
        ByteBuf buf = pending;
        if (buf == null || !buf.isReadable()) {
            return false;
        }
        return buf.readableBytes() < 2 || buf.readableBytes() < 2 + buf.getUnsignedShort(buf.readerIndex());
    }

    /** Frees the buffer; later appends start a new one. */
    void release() {
        ByteBuf buf = pending;
        pending = null;
        if (buf != null) {
            buf.release();
        }
    }

    /** The two-byte length prefix of a message of {@code length} bytes. */
    static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 8), (byte) length};
    }
}
