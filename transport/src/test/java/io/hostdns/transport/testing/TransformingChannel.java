package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A {@link ReplyChannel} that changes what is sent, or sends it from the other port. */
final class TransformingChannel implements ReplyChannel {

    private final ReplyChannel delegate;
    private final UnaryOperator<byte[]> change;
    private final boolean otherPort;

    TransformingChannel(ReplyChannel delegate, UnaryOperator<byte[]> change, boolean otherPort) {
        this.delegate = delegate;
        this.change = change;
        this.otherPort = otherPort;
    }

    @Override
    public Protocol protocol() {
        return delegate.protocol();
    }

    @Override
    public void send(byte[] wire) {
        if (otherPort) {
            delegate.sendFromOtherPort(change.apply(wire));
        } else {
            delegate.send(change.apply(wire));
        }
    }

    @Override
    public void sendFromOtherPort(byte[] wire) {
        delegate.sendFromOtherPort(change.apply(wire));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        delegate.schedule(delay, action);
    }

    @Override
    public void onAbandoned(Runnable action) {
        delegate.onAbandoned(action);
    }
}
