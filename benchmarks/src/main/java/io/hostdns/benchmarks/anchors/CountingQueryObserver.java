package io.hostdns.benchmarks.anchors;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsQueryLifecycleObserver;
import io.netty.resolver.dns.DnsQueryLifecycleObserverFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every query Netty's resolver writes to an upstream; observes nothing else. */
final class CountingQueryObserver implements DnsQueryLifecycleObserverFactory, DnsQueryLifecycleObserver {

    private final AtomicLong written;

    CountingQueryObserver(AtomicLong written) {
        this.written = written;
    }

    @Override
    public DnsQueryLifecycleObserver newDnsQueryLifecycleObserver(DnsQuestion question) {
        return this;
    }

    @Override
    public void queryWritten(InetSocketAddress dnsServerAddress, ChannelFuture future) {
        written.incrementAndGet();
    }

    @Override
    public void queryCancelled(int queriesRemaining) {
        // not counted: only writes are
    }

    @Override
    public DnsQueryLifecycleObserver queryRedirected(List<InetSocketAddress> nameServers) {
        return this;
    }

    @Override
    public DnsQueryLifecycleObserver queryCNAMEd(DnsQuestion cnameQuestion) {
        return this;
    }

    @Override
    public DnsQueryLifecycleObserver queryNoAnswer(DnsResponseCode code) {
        return this;
    }

    @Override
    public void queryFailed(Throwable cause) {
        // not counted: only writes are
    }

    @Override
    public void querySucceed() {
        // not counted: only writes are
    }
}
