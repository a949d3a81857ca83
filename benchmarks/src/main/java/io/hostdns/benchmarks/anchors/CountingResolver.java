package io.hostdns.benchmarks.anchors;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/** A dnsjava {@link Resolver} that counts the queries it passes on to another. */
final class CountingResolver implements Resolver {

    private final Resolver delegate;
    private final AtomicLong sent;

    CountingResolver(Resolver delegate, AtomicLong sent) {
        this.delegate = delegate;
        this.sent = sent;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        sent.incrementAndGet();
        return delegate.sendAsync(query);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        sent.incrementAndGet();
        return delegate.sendAsync(query, executor);
    }

    @Override
    public void setPort(int port) {
        delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }
}
