package io.hostdns.transport.jdk;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * The JDK 18+ resolver provider (JEP 418) that makes {@code InetAddress.getByName} and friends resolve
 * through hostdns. The JDK finds it with {@code ServiceLoader} when {@code hostdns-transport} is on the
 * class path, and calls {@link #get} once per JVM; the configuration is read then from the system
 * properties described in {@link JdkResolverSettings} ({@code hostdns.hosts}, {@code hostdns.upstreams},
 * {@code hostdns.timeoutMillis}) and never changes afterwards. No global state: the resolver built holds
 * everything it uses.
 *
 * <p>Compiled for Java 18 into {@code META-INF/versions/18} of the multi-release jar, so the library
 * still loads on Java 17, where this class is simply never seen.
 */
public final class HostDnsInetAddressResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        JdkResolverSettings settings = JdkResolverSettings.from(System.getProperties());
        return new HostDnsInetAddressResolver(HostDnsLookups.start(settings), configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "hostdns";
    }
}
