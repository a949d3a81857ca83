package io.hostdns.transport.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A blocking DNS-over-TCP client for the test thread: length-prefixed frames on one socket. */
final class RawTcp implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawTcp(InetSocketAddress server, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(server, 2000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes all {@code messages}, each with its length prefix, in one write. */
    void send(byte[]... messages) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        for (byte[] m : messages) {
            buffer.write(m.length >>> 8);
            buffer.write(m.length & 0xFF);
            buffer.write(m);
        }
        writeRaw(buffer.toByteArray());
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message. */
    byte[] read() throws IOException {
        int length = in.readUnsignedShort();
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }

    /** Whether the server closed the connection within the read timeout (EOF or reset), false on timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    /** The next message, or null on timeout. */
    byte @Nullable [] readOrNull() throws IOException {
        try {
            return read();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
