package io.hostdns.benchmarks.anchors;

import io.hostdns.benchmarks.CachedLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The JDK's {@code InetAddress.getByName("localhost")}: its positive cache (30 s by default, or
 * {@code -Dsun.net.inetaddr.ttl}) in front of getaddrinfo and /etc/hosts; never sends DNS here.
 */
public final class JdkCachedLookup implements CachedLookup {

    public JdkCachedLookup() {
        lookup();
    }

    @Override
    public Object lookup() {
        try {
            return InetAddress.getByName("localhost");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("localhost does not resolve on this machine", e);
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
