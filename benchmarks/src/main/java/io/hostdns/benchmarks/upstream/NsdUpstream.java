package io.hostdns.benchmarks.upstream;

import io.hostdns.transport.testing.NsdServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * NSD serving {@link BenchZone}, started through transport's test-jar launcher {@link NsdServer} (a separate
 * process on a free 127.0.0.1 port, configured in a temporary directory); {@link #close()} stops that
 * process, and only it, and deletes the directory.
 */
public final class NsdUpstream implements BenchUpstream {

    private final NsdServer nsd;
    private final String label;

    private NsdUpstream(NsdServer nsd) {
        this.nsd = nsd;
        this.label = nsd.version() + " (authoritative, separate process) on 127.0.0.1:" + nsd.address().getPort();
    }

    /** Starts NSD and waits until it answers; fails with a clear message when it is not installed. */
    public static NsdUpstream start() {
        Path binary = NsdServer.findBinary().orElseThrow(() -> new IllegalStateException(
                "nsd not found (-Dhostdns.nsd, PATH, /usr/sbin): install it (apt-get install -y nsd) "
                        + "or run with -p upstream=inprocess"));
        NsdServer nsd = NsdServer.start(binary, BenchZone.ORIGIN, BenchZone.zoneFile(), NsdServer.freePort());
        try {
            return new NsdUpstream(nsd);
        } catch (RuntimeException e) {
            nsd.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return nsd.address();
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void close() {
        nsd.close();
    }

    @Override
    public String toString() {
        return label;
    }
}
