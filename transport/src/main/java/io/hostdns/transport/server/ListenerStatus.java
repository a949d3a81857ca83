package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one listener (one socket: an address and a protocol) of a running {@link DnsServer}.
 *
 * @param address  the bound address (with the actual port once bound), else the configured one
 * @param protocol {@link Protocol#UDP} or {@link Protocol#TCP}
 * @param state    running, failed (bind failed or the channel died; being retried), or stopped
 * @param error    why it failed, null unless {@code state} is {@link State#FAILED}
 */
public record ListenerStatus(InetSocketAddress address, Protocol protocol, State state, @Nullable String error) {

    /** The life of a listener. */
    public enum State {
        /** Bound and serving. */
        RUNNING,
        /** Not serving: its bind failed or its channel closed unexpectedly; it is rebuilt with backoff. */
        FAILED,
        /** Closed by shutdown. */
        STOPPED
    }

    public ListenerStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return protocol.label() + " " + address + " " + state + (error == null ? "" : " (" + error + ")");
    }
}
