package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import java.time.Duration;

/**
 * Where a {@link FakeReply} writes: back to the client over the request's transport. All methods may be
 * called from the server's event loop only (a reply runs there).
 */
public interface ReplyChannel {

    /** The transport the request came over. */
    Protocol protocol();

    /** Sends raw response bytes to the client (framed with a 2-byte length on TCP). */
    void send(byte[] wire);

    /** UDP: sends from a second socket on another port (a spoof the client must drop); TCP: as {@link #send}. */
    void sendFromOtherPort(byte[] wire);

    /** TCP: closes the connection; UDP: nothing to close. */
    void close();

    /** Runs {@code action} on the server's event loop after {@code delay}. */
    void schedule(Duration delay, Runnable action);

    /**
     * Runs {@code action} when the client abandons this exchange in a way the server can see (DoH: the
     * stream is reset or the connection closed before the reply); UDP and TCP carry no such signal.
     */
    default void onAbandoned(Runnable action) {
    }
}
